"""What every agent endpoint shares."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from taxportal.paging import PER_PAGE
from taxportal.permissions import HasPortalPermission

from .. import selectors
from ..services.common import NotAllowed


def as_api_error(error: DjangoValidationError) -> Exception:
    """A service's refusal: 403 when the person may not do it, else 400 by field."""
    if isinstance(error, NotAllowed):
        return PermissionDenied(error.messages[0])
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"non_field_errors": error.messages})


class AgentAPIView(generics.GenericAPIView):
    """A customs agent's user, linked to an agent, with its token or session."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("act_as_customs_agent")]

    @property
    def agent(self):
        agent = selectors.agent_of(self.request.user)
        if agent is None:
            raise PermissionDenied(_("Your user is not linked to a customs agent."))
        return agent

    def paginated(self, queryset, serializer_class, **context):
        """`?page=N`, 25 a page: one query for the page (one more row says whether there is a
        next page), whatever the list's size."""
        try:
            page = max(int(self.request.query_params.get("page", 1)), 1)
        except ValueError:
            page = 1
        start = (page - 1) * PER_PAGE
        rows = list(queryset[start : start + PER_PAGE + 1])
        return Response(
            {
                "page": page,
                "has_next": len(rows) > PER_PAGE,
                "results": serializer_class(rows[:PER_PAGE], many=True, context=context).data,
            }
        )

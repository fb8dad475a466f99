"""What every agent endpoint shares."""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination

from taxportal.authentication import ApiTokenAuthentication
from taxportal.paging import PER_PAGE
from taxportal.permissions import HasPortalPermission

from .. import selectors
from ..services.common import NotAllowed


def as_api_error(error: DjangoValidationError) -> APIException:
    """A service's refusal: 403 when the person may not do it, else 400 by field."""
    if isinstance(error, NotAllowed):
        return PermissionDenied(error.messages[0])
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"non_field_errors": error.messages})


class AgentAPIView(generics.GenericAPIView):
    """A customs agent's user, linked to an agent, with its token or session."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasPortalPermission("act_as_customs_agent")]

    @property
    def agent(self):
        agent = selectors.agent_of(self.request.user)
        if agent is None:
            raise PermissionDenied(_("Your user is not linked to a customs agent."))
        return agent


class AgentPages(PageNumberPagination):
    """`?page=N`, 25 a page, with the count and the neighbouring pages' addresses."""

    page_size = PER_PAGE


class AgentListView(AgentAPIView, generics.ListAPIView):
    """A list of the agent's own (`rows()`), paged; `list_serializer_class` shapes the rows and
    `serializer_class` the body a POST takes, where there is one."""

    pagination_class = AgentPages
    list_serializer_class: type | None = None
    rows: Callable[[], QuerySet]

    def get_serializer_class(self):
        if self.request is not None and self.request.method == "GET":
            return self.list_serializer_class
        return self.serializer_class

    def get_queryset(self):
        return self.rows()

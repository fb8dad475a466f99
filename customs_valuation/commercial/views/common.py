"""What part 2.2's pages share."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from ...declarations import selectors as declaration_selectors
from ...declarations.views.common import form_errors_from
from ..services.common import NotAllowed

AGENT = "act_as_customs_agent"
VALUER = "value_commercial_imports"
UNIT = "answer_valuation_consultations"
CHIEF = "act_as_chief_valuer"
DIRECTOR = "issue_freight_notices"
STAFF = (VALUER, UNIT)
TEMPLATES = "customs_valuation/commercial/"


def agent_of(request):
    return declaration_selectors.agent_of(request.user)


def show_refusal(form, error: ValidationError) -> None:
    """A service's refusal: 403 when the person may not do it; else on the form."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.messages[0])
    form_errors_from(form, error)


def submitted(request, form, call: Callable[[], str]) -> bool:
    """A POSTed, valid form whose service call (returning the success message) went through: the
    message is shown and the view redirects (True). Otherwise the refusal is on the form (False)
    and the view shows the page again."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        message = call()
    except ValidationError as error:
        show_refusal(form, error)
        return False
    messages.success(request, message)
    return True


__all__ = ["form_errors_from"]

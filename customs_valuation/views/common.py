"""What the customs pages share: the staff permissions, a service's refusal shown on a form,
and the context every case page reads."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import selectors

STAFF = ("value_imports", "supervise_valuations", "decide_valuation_appeals")


def form_errors_from(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def case_context(case) -> dict:
    try:
        sheet = selectors.case_worksheet(case)
    except selectors.ReferenceMissing as missing:
        sheet = selectors.CaseWorksheet(problems=[str(missing)])
    return {
        "case": case,
        "sheet": sheet,
        "checklist": selectors.documents_checklist(case),
        "decisions": list(case.decisions.select_related("decided_by")),
        "documents": list(case.documents.select_related("added_by")),
        "answers": list(case.answers.all()),
        "extras": list(case.extras.select_related("extra")),
        "releases": list(case.releases.all()),
        "appeal": getattr(case, "appeal", None),
        "deadline": selectors.case_deadline(case),
        "today": timezone.localdate(),
    }

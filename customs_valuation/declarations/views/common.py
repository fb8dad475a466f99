"""What the pages of part 2.3 share."""

from django.core.exceptions import ValidationError

AGENT = "act_as_customs_agent"
STAFF = "check_importer_declarations"
UNIT = "control_supplier_database"
TEMPLATES = "customs_valuation/declarations/"


def form_errors_from(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def page_title(title) -> dict:
    return {"title": title}

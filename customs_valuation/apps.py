from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CustomsValuationConfig(AppConfig):
    name = "customs_valuation"
    verbose_name = _("Customs valuation")

    def ready(self):
        from taxportal import personal_area
        from taxportal.audit import audit_action_labels

        from .choices import audit_action_label
        from .commercial.choices import AuditAction as CommercialAction
        from .declarations.choices import AuditAction as DeclarationAction
        from .views import personal_area_section

        personal_area.register(personal_area_section)

        def label(action: str) -> "StrOrPromise | None":
            """The valuation case's, the declarations' and the commercial cases' actions
            (choices, not msgids)."""
            if action in DeclarationAction.values:
                return DeclarationAction(action).label
            if action in CommercialAction.values:
                return CommercialAction(action).label
            named = audit_action_label(action)
            return None if named == action else named

        audit_action_labels(label)

"""Pure rules of part 2.2 (CUS-29, CUS-30, CUS-58 to CUS-95): no models, no database; plain
values in and out. Re-exported here so callers write `rules.choose_candidate(...)`."""

from .additions import (
    addition_included,
    commission_included,
    freight_included,
    interest_included,
    royalty_treatment,
)
from .assists import assist_charge, assist_divisor, assist_value, per_unit_share
from .base import Refused, blank
from .deductions import (
    FreeGoods,
    credit_note_deductible,
    discount_refusals,
    free_goods_admissible,
    free_goods_discount,
    free_goods_findings,
)
from .documents import check_request, default_due_date, form_145_relied_on, request_lapsed
from .grounds import (
    BARRED_TEXT,
    GroundFinding,
    check_disqualification,
    check_ground,
    transaction_value_barred,
    valuation_date,
)
from .history import Distribution, distribution, median_of
from .methods import (
    FORBIDDEN_BASES,
    METHOD_ORDER,
    Candidate,
    Choice,
    check_computed,
    check_fallback,
    check_method_allowed,
    check_method_refusal,
    choose_candidate,
    deductive_value,
    next_method,
    normalised,
)
from .notices import (
    RELEASE_HOLD_TEXT,
    check_not_satisfied,
    check_value_notice,
    guarantee_warning,
    notice_kind,
    release_hold,
    security_amount,
)
from .related import check_related_examination, percent_difference
from .special import check_damage_decision, check_used_vehicle, price_in_force, vat_base
from .statuses import FINAL, TRANSITIONS, may_act, may_work, next_status
from .terms import (
    Terms,
    delivery_terms,
    includes_freight,
    insurance_open,
    needs_carriage_costs,
    open_problems,
)
from .triggers import (
    ItemUnitValue,
    TriggerState,
    check_trigger_change,
    computed_triggers,
    significantly_low,
    unresolved_triggers,
)
from .worksheet import (
    ItemData,
    ItemValue,
    SheetLine,
    allocate,
    entry_data,
    line_shekels,
    sheet_totals,
)

__all__ = [
    "BARRED_TEXT", "FINAL", "FORBIDDEN_BASES", "METHOD_ORDER", "RELEASE_HOLD_TEXT",
    "TRANSITIONS", "Candidate", "Choice", "Distribution", "FreeGoods", "GroundFinding",
    "ItemData", "ItemUnitValue", "ItemValue", "Refused", "SheetLine", "Terms", "TriggerState",
    "addition_included", "allocate", "assist_charge", "assist_divisor", "assist_value", "blank",
    "check_computed", "check_damage_decision", "check_disqualification", "check_fallback",
    "check_ground", "check_method_allowed", "check_method_refusal", "check_not_satisfied",
    "check_related_examination", "check_request", "check_trigger_change", "check_used_vehicle",
    "check_value_notice", "choose_candidate", "commission_included", "computed_triggers",
    "credit_note_deductible", "deductive_value", "default_due_date", "delivery_terms",
    "discount_refusals", "distribution", "entry_data", "form_145_relied_on",
    "free_goods_admissible", "free_goods_discount", "free_goods_findings", "freight_included",
    "guarantee_warning", "includes_freight", "insurance_open", "interest_included",
    "line_shekels", "may_act", "may_work", "median_of", "needs_carriage_costs", "next_method",
    "next_status", "normalised", "notice_kind", "open_problems", "per_unit_share",
    "percent_difference", "price_in_force", "release_hold", "request_lapsed", "royalty_treatment",
    "security_amount", "sheet_totals", "significantly_low", "transaction_value_barred",
    "unresolved_triggers", "valuation_date", "vat_base",
]  # fmt: skip

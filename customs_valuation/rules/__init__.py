"""The valuation rules as pure functions: no database, every rate and amount passed in.

The case screens, the officers' API and the tests all compute through these functions, so the
worksheet an importer reads is the one the officer decided on.
"""

from taxportal.money import round_agorot, to_decimal

from .deadlines import (
    days_after,
    guarantee_forfeits,
    guarantee_needs_warning,
    months_after,
    release_settlement_status,
)
from .goods import (
    GoodsCheck,
    GoodsWorksheet,
    depreciation_needs_supervisor,
    goods_reasonableness,
    goods_value,
)
from .lines import HUNDRED, ZERO, Line, percent_of
from .statuses import DECIDABLE_STATUSES, EDITABLE_STATUSES, RELEASABLE_STATUSES
from .taxes import (
    ImportCosts,
    Taxes,
    TaxRates,
    freight_cost,
    import_taxes,
    taxes_included_in,
    vehicle_import_costs,
)
from .vehicle import (
    Depreciation,
    VehicleWorksheet,
    depreciation_for,
    usage_months,
    usage_start,
    vehicle_worksheet,
)

__all__ = [
    "DECIDABLE_STATUSES",
    "EDITABLE_STATUSES",
    "HUNDRED",
    "RELEASABLE_STATUSES",
    "ZERO",
    "Depreciation",
    "GoodsCheck",
    "GoodsWorksheet",
    "ImportCosts",
    "Line",
    "TaxRates",
    "Taxes",
    "VehicleWorksheet",
    "days_after",
    "depreciation_for",
    "depreciation_needs_supervisor",
    "freight_cost",
    "goods_reasonableness",
    "goods_value",
    "guarantee_forfeits",
    "guarantee_needs_warning",
    "import_taxes",
    "months_after",
    "percent_of",
    "release_settlement_status",
    "round_agorot",
    "taxes_included_in",
    "to_decimal",
    "usage_months",
    "usage_start",
    "vehicle_import_costs",
    "vehicle_worksheet",
]

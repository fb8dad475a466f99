"""Third parties that answer electronic garnishment orders, the authorities that serve them,
the monthly reports with their lines, the orders billed once each, payments and statements."""

from .billing import MonthlyStatement, Payment
from .fees import BaseFee, CpiValue, RegulationsPublication
from .money import MONEY
from .parties import (
    AuthorityMembership,
    ServiceArrangement,
    ServingAuthority,
    SubmitterMembership,
    ThirdParty,
)
from .reports import Order, Report, ReportLine

__all__ = [
    "MONEY",
    "AuthorityMembership",
    "BaseFee",
    "CpiValue",
    "MonthlyStatement",
    "Order",
    "Payment",
    "RegulationsPublication",
    "Report",
    "ReportLine",
    "ServiceArrangement",
    "ServingAuthority",
    "SubmitterMembership",
    "ThirdParty",
]

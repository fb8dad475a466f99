"""Administrators keep the fee schedule (BADGE-32) and the authorities approved under the
Privacy Protection Law (BADGE-51); the money cases are read-only here (services change them)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin import ReadOnlyAdmin
from .models import (
    EnforcementAuthority,
    EnforcementDownload,
    EnforcementFile,
    FeeDifference,
    FeeScheduleEntry,
    ImporterVehicleFile,
    LicenceDispatch,
    LicencePeriod,
    OwnershipTransfer,
    ReducedFeeExemption,
    RefundLine,
    RefundRequest,
)


@admin.register(FeeScheduleEntry)
class FeeScheduleEntryAdmin(SimpleHistoryAdmin):
    list_display = ("context", "amount", "effective_from", "effective_until", "source")
    list_filter = ("context",)
    date_hierarchy = "effective_from"


@admin.register(EnforcementAuthority)
class EnforcementAuthorityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "privacy_approved", "approval_reference", "approved_on")
    list_filter = ("privacy_approved",)
    filter_horizontal = ("users",)
    search_fields = ("name",)


@admin.register(LicencePeriod)
class LicencePeriodAdmin(ReadOnlyAdmin):
    list_display = ("vehicle", "valid_from", "valid_until", "tariff_code", "amount_paid")
    search_fields = ("vehicle__number",)
    list_select_related = ("vehicle",)


@admin.register(ReducedFeeExemption)
class ReducedFeeExemptionAdmin(ReadOnlyAdmin):
    list_display = ("person", "vehicle", "status", "started_on", "ended_on")
    list_filter = ("status",)
    search_fields = ("person__national_id", "vehicle__number")
    list_select_related = ("person", "vehicle")


@admin.register(FeeDifference)
class FeeDifferenceAdmin(ReadOnlyAdmin):
    list_display = ("vehicle", "cause", "amount", "status", "raised_on", "paid_on")
    list_filter = ("status", "cause")
    search_fields = ("vehicle__number",)
    list_select_related = ("vehicle",)


@admin.register(OwnershipTransfer)
class OwnershipTransferAdmin(ReadOnlyAdmin):
    list_display = (
        "vehicle",
        "seller",
        "buyer_national_id",
        "transferred_on",
        "transfer_fee_payer",
    )
    search_fields = ("vehicle__number", "seller__national_id", "buyer_national_id")
    list_select_related = ("vehicle", "seller")


class RefundLineInline(admin.TabularInline):
    model = RefundLine
    extra = 0
    can_delete = False
    readonly_fields = ("start", "end", "days", "amount_paid", "reduced_fee", "amount")
    exclude = ("licence_period",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RefundRequest)
class RefundRequestAdmin(ReadOnlyAdmin):
    list_display = ("pk", "person", "vehicle", "kind", "status", "due_on", "total")
    list_filter = ("status", "kind")
    search_fields = ("person__national_id", "vehicle__number")
    list_select_related = ("person", "vehicle")
    inlines = [RefundLineInline]


@admin.register(ImporterVehicleFile)
class ImporterVehicleFileAdmin(ReadOnlyAdmin):
    list_display = ("vehicle", "buyer_national_id", "status", "tariff_outcome", "close_by")
    list_filter = ("status", "tariff_outcome")
    list_select_related = ("vehicle",)


@admin.register(EnforcementFile)
class EnforcementFileAdmin(ReadOnlyAdmin):
    list_display = ("month", "vehicle_count", "sha256", "created_at")


@admin.register(EnforcementDownload)
class EnforcementDownloadAdmin(ReadOnlyAdmin):
    list_display = ("file", "authority", "user", "downloaded_at")
    list_select_related = ("file", "authority", "user")


@admin.register(LicenceDispatch)
class LicenceDispatchAdmin(ReadOnlyAdmin):
    list_display = ("vehicle", "month", "tariff_code", "regular_annual_fee", "reason")
    date_hierarchy = "month"

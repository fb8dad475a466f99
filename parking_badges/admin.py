"""Administrators keep the vehicle register, the fee schedule (BADGE-32) and the authorities
approved under the Privacy Protection Law (BADGE-51), and read the cases; statuses change only
through the clerks' pages (services), so case rows are read-only here."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from .choices import BadgeStatus
from .forms.fields import FeeAmountField
from .models import (
    Badge,
    BadgeApplication,
    BadgeVehicle,
    DisabledPerson,
    EligibilityApproval,
    EnforcementAuthority,
    EnforcementDownload,
    EnforcementFile,
    FeeDifference,
    FeeScheduleEntry,
    ImporterVehicleFile,
    LicenceDispatch,
    LicencePeriod,
    OwnershipTransfer,
    PrintFile,
    ReducedFeeExemption,
    RefundLine,
    RefundRequest,
    Vehicle,
    VehicleOwner,
    VehicleRestriction,
)
from .selectors.badges import badges_with_shown_status


class ReadOnlyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Case rows with their history, read-only."""


class ReadOnlyRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rows written once and never changed (files produced, downloads, dispatches, periods):
    they keep no history of their own, so their history page is the admin log's."""


class VehicleOwnerInline(admin.TabularInline):
    model = VehicleOwner
    extra = 0


class VehicleRestrictionInline(admin.TabularInline):
    model = VehicleRestriction
    extra = 0


@admin.register(Vehicle)
class VehicleAdmin(SimpleHistoryAdmin):
    list_display = ("number", "vehicle_type", "tariff_code", "is_active", "registered_on")
    list_filter = ("vehicle_type", "tariff_code", "is_active", "is_collector")
    search_fields = ("number", "owners__national_id", "reported_disabled_national_id")
    inlines = [VehicleOwnerInline, VehicleRestrictionInline]


@admin.register(DisabledPerson)
class DisabledPersonAdmin(ReadOnlyAdmin):
    list_display = ("national_id", "first_name", "last_name", "died_on")
    search_fields = ("national_id", "last_name")


@admin.register(BadgeApplication)
class BadgeApplicationAdmin(ReadOnlyAdmin):
    list_display = ("pk", "person", "kind", "status", "material_received_on", "decided_on")
    list_filter = ("status", "kind", "source")
    search_fields = ("person__national_id",)
    list_select_related = ("person",)


@admin.register(EligibilityApproval)
class EligibilityApprovalAdmin(ReadOnlyAdmin):
    list_display = ("person", "source", "approved_on", "valid_until")
    list_filter = ("source",)
    list_select_related = ("person",)


@admin.register(BadgeVehicle)
class BadgeVehicleAdmin(ReadOnlyAdmin):
    list_display = ("person", "vehicle", "ground", "added_on", "removed_on")
    list_filter = ("ground",)
    list_select_related = ("person", "vehicle")


class ShownStatusFilter(admin.SimpleListFilter):
    """Filters by the status the pages show, which a print claim decides for an ordered badge."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return BadgeStatus.choices

    def queryset(self, request, queryset):
        status = self.value()
        if status is not None and status in BadgeStatus.values:
            return badges_with_shown_status(queryset, status)
        return queryset


@admin.register(Badge)
class BadgeAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder_national_id", "issued_on", "valid_until", "shown", "reason")
    list_filter = (ShownStatusFilter, "reason")
    list_select_related = ("print_claim",)

    @admin.display(description=_("status"), ordering="status")
    def shown(self, badge: Badge) -> str:
        # "Sent to the printing house" is derived from the badge's print claim (issue 18).
        return badge.get_status_display()

    search_fields = ("holder_national_id", "vehicle_number_1", "vehicle_number_2")


@admin.register(PrintFile)
class PrintFileAdmin(ReadOnlyRecordAdmin):
    list_display = ("for_date", "badge_count", "downloaded_at", "receipt_confirmed_at")


class FeeScheduleEntryForm(forms.ModelForm):
    """An amount of the schedule fits its column and the configured ceiling (issue 11)."""

    amount = FeeAmountField(label=_("amount (NIS)"))

    class Meta:
        model = FeeScheduleEntry
        fields = ("context", "amount", "effective_from", "effective_until", "source")


@admin.register(FeeScheduleEntry)
class FeeScheduleEntryAdmin(SimpleHistoryAdmin):
    form = FeeScheduleEntryForm
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
class LicencePeriodAdmin(ReadOnlyRecordAdmin):
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
class EnforcementFileAdmin(ReadOnlyRecordAdmin):
    list_display = ("month", "vehicle_count", "sha256", "created_at")


@admin.register(EnforcementDownload)
class EnforcementDownloadAdmin(ReadOnlyRecordAdmin):
    list_display = ("file", "authority", "user", "downloaded_at")
    list_select_related = ("file", "authority", "user")


@admin.register(LicenceDispatch)
class LicenceDispatchAdmin(ReadOnlyRecordAdmin):
    list_display = ("vehicle", "month", "tariff_code", "regular_annual_fee", "reason")
    date_hierarchy = "month"

"""Administrators keep the vehicle register and read the cases; statuses change only through
the clerks' pages (services), so case rows are read-only here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from .models import (
    Badge,
    BadgeApplication,
    BadgeVehicle,
    DisabledPerson,
    EligibilityApproval,
    PrintFile,
    Vehicle,
    VehicleOwner,
    VehicleRestriction,
)


class ReadOnlyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Case rows with their history, read-only."""


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


@admin.register(Badge)
class BadgeAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder_national_id", "issued_on", "valid_until", "status", "reason")
    list_filter = ("status", "reason")
    search_fields = ("holder_national_id", "vehicle_number_1", "vehicle_number_2")


@admin.register(PrintFile)
class PrintFileAdmin(ReadOnlyAdmin):
    list_display = ("for_date", "badge_count", "downloaded_at", "receipt_confirmed_at")


from . import fee_admin  # noqa: E402,F401

"""Administrators keep the registry (customs houses and their valuers, countries, agents,
importers, authorisations, the policy figures); suppliers, declarations, entries, blocks and
notifications are read here and changed only through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from . import models


@admin.register(models.CustomsHouse)
class CustomsHouseAdmin(admin.ModelAdmin):
    list_display = ["code", "name_he", "name_en"]


@admin.register(models.CustomsHouseStaff)
class CustomsHouseStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "customs_house", "started_on", "ended_on"]
    list_filter = ["customs_house"]
    list_select_related = ["user", "customs_house"]


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_he", "has_postcodes"]
    list_filter = ["has_postcodes"]


@admin.register(models.CustomsAgent)
class CustomsAgentAdmin(admin.ModelAdmin):
    list_display = ["name", "licence_number", "is_chamber_of_commerce"]
    search_fields = ["name", "licence_number"]
    filter_horizontal = ["users"]


@admin.register(models.Importer)
class ImporterAdmin(admin.ModelAdmin):
    list_display = ["name", "number"]
    search_fields = ["name", "number"]


@admin.register(models.AgentAuthorisation)
class AgentAuthorisationAdmin(admin.ModelAdmin):
    list_display = ["agent", "importer", "valid_from", "valid_until"]
    list_select_related = ["agent", "importer"]
    search_fields = ["agent__name", "importer__name", "importer__number"]


@admin.register(models.DeclarationPolicy)
class DeclarationPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "validity_months",
        "correction_days",
        "original_threshold_usd",
        "daily_check_flag_days",
    ]


@admin.register(models.Supplier)
class SupplierAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["pk", "name", "country", "status", "cancelled_at", "merged_into"]
    list_filter = ["status", "country"]
    search_fields = ["name", "dealer_number"]


@admin.register(models.ImporterDeclaration)
class ImporterDeclarationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["pk", "form", "importer", "supplier", "agent", "status", "entered_on"]
    list_filter = ["status", "form"]
    list_select_related = ["importer", "supplier", "agent"]
    search_fields = ["importer__number", "importer__name"]


@admin.register(models.Entry)
class EntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "importer", "supplier", "kind", "usd_value", "filed_at"]
    list_filter = ["kind", "customs_house"]
    list_select_related = ["importer", "supplier"]
    search_fields = ["number"]


@admin.register(models.Block)
class BlockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Nobody lifts a block by hand (CUS-51): read-only."""

    list_display = ["kind", "importer", "supplier", "declaration", "started_at", "ended_at"]
    list_filter = ["kind", "ended_by"]
    list_select_related = ["importer", "supplier"]


@admin.register(models.AgentNotification)
class AgentNotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["agent", "kind", "sent_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["agent"]

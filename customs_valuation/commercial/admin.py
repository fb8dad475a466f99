"""Administrators keep part 2.2's reference data (the policy figures, usual freight, cigarette
wholesale prices); cases, notices and the value history are read here and changed only through
the services. The Director issues freight notices in the portal."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from . import models


@admin.register(models.CommercialPolicy)
class CommercialPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "low_value_share_percent",
        "freight_share_percent",
        "documents_due_days",
        "identical_period_days",
        "history_months",
    ]


@admin.register(models.UsualFreight)
class UsualFreightAdmin(admin.ModelAdmin):
    list_display = ["country", "mode", "amount", "effective_from"]
    list_filter = ["mode", "country"]


@admin.register(models.CigarettePrice)
class CigarettePriceAdmin(admin.ModelAdmin):
    list_display = ["product", "price", "effective_from"]


@admin.register(models.FreightNotice)
class FreightNoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "title", "effective_from", "effective_until", "issued_by"]


@admin.register(models.CommercialCase)
class CommercialCaseAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["entry", "customs_house", "status", "final_value", "final_method"]
    list_filter = ["status", "customs_house"]
    list_select_related = ["entry", "customs_house"]
    search_fields = ["entry__number"]


@admin.register(models.CommercialNotice)
class CommercialNoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["case", "kind", "method", "value", "issued_at"]
    list_filter = ["kind", "method"]
    list_select_related = ["case__entry"]


@admin.register(models.AcceptedValue)
class AcceptedValueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["tariff_item", "country", "imported_on", "unit_value", "method"]
    search_fields = ["tariff_item", "entry_number"]
    show_full_result_count = False

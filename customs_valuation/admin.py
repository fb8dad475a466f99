"""Administrators keep the reference tables; cases are read here, changed through the screens."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from . import models


@admin.register(models.DepreciationRate)
class DepreciationRateAdmin(admin.ModelAdmin):
    list_display = ["month", "cumulative_percent", "effective_from"]
    list_filter = ["effective_from"]


@admin.register(models.VehiclePrice)
class VehiclePriceAdmin(admin.ModelAdmin):
    list_display = ["make", "model", "version", "year", "category", "new_price", "effective_from"]
    list_filter = ["make", "category", "effective_from"]
    search_fields = ["make", "model", "version"]


@admin.register(models.OptionalExtra)
class OptionalExtraAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "value", "effective_from"]


@admin.register(models.FreightRate)
class FreightRateAdmin(admin.ModelAdmin):
    list_display = ["origin", "category", "amount", "effective_from"]
    list_filter = ["origin", "category"]


@admin.register(models.TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = [
        "category",
        "customs_duty_percent",
        "purchase_tax_percent",
        "vat_percent",
        "effective_from",
    ]
    list_filter = ["category"]


@admin.register(models.ValuationPolicy)
class ValuationPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "vehicle_tolerance_percent",
        "goods_tolerance_percent",
        "answer_days",
        "appeal_days",
    ]


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class DecisionInline(ReadOnlyInline):
    model = models.Decision
    fields = ("kind", "decided_at", "decided_by", "value", "reasons")
    readonly_fields = fields


@admin.register(models.ValuationCase)
class ValuationCaseAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: statuses change only through the services behind the case screens."""

    list_display = [
        "reference",
        "kind",
        "status",
        "importer_national_id",
        "importer_name",
        "opened_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["importer_national_id", "importer_name", "chassis_number", "make", "model"]
    inlines = [DecisionInline]

    allow_delete = True


from .commercial import admin as commercial_admin  # noqa: E402, F401 - part 2.2
from .declarations import admin as declarations_admin  # noqa: E402, F401 - part 2.3

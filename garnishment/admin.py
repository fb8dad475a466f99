from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    AuthorityMembership,
    BaseFee,
    CpiValue,
    MonthlyStatement,
    Payment,
    Report,
    ServiceArrangement,
    ServingAuthority,
    SubmitterMembership,
    ThirdParty,
)


@admin.register(ThirdParty)
class ThirdPartyAdmin(SimpleHistoryAdmin):
    """Recognition requests; publishing and stopping service go through the services so they
    are audited (GAR-1 to GAR-4)."""

    list_display = ("name", "company_number", "status", "published_on", "service_stopped_at")
    list_filter = ("status",)
    search_fields = ("name", "company_number")
    readonly_fields = ("status", "service_stopped_at", "service_stopped_reason")
    actions = ["publish_today"]

    def save_model(self, request, obj, form, change):
        """A publication date entered here goes through the service, so it is audited."""
        published_on = form.cleaned_data.get("published_on")
        publishing = "published_on" in form.changed_data and published_on is not None
        if publishing:
            obj.published_on = form.initial.get("published_on")
        super().save_model(request, obj, form, change)
        if publishing:
            services.third_party_publish(
                third_party=obj,
                published_on=published_on,
                actor=request.user,
                reason="publication date entered by the director",
            )

    @admin.action(description=_("Publish as served electronically (today)"))
    def publish_today(self, request, queryset):
        for third_party in queryset:
            try:
                services.third_party_publish(
                    third_party=third_party,
                    published_on=timezone.localdate(),
                    actor=request.user,
                    reason="published by the director",
                )
            except ValidationError as refusal:
                messages.error(request, " ".join(refusal.messages))
            else:
                messages.success(request, _("Published: %(name)s.") % {"name": third_party})


@admin.register(ServingAuthority)
class ServingAuthorityAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "commencement_on")
    list_filter = ("kind",)
    search_fields = ("code", "name")


@admin.register(ServiceArrangement)
class ServiceArrangementAdmin(SimpleHistoryAdmin):
    list_display = ("authority", "third_party", "notice_on", "payment_term_days", "channel")
    list_select_related = ("authority", "third_party")


@admin.register(CpiValue)
class CpiValueAdmin(SimpleHistoryAdmin):
    list_display = ("year", "december_index", "source", "published_on")


@admin.register(BaseFee)
class BaseFeeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "amount", "description_en", "description_he")


admin.site.register(SubmitterMembership)
admin.site.register(AuthorityMembership)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "submitted_at", "line_count", "rejected_count", "billed_total")
    list_select_related = ("third_party",)
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Payment)
class PaymentAdmin(SimpleHistoryAdmin):
    list_display = ("authority", "third_party", "period", "amount", "paid_on", "reference")
    list_select_related = ("authority", "third_party")


@admin.register(MonthlyStatement)
class MonthlyStatementAdmin(admin.ModelAdmin):
    list_display = ("period", "authority", "third_party", "withheld_count", "due_on")
    list_select_related = ("authority", "third_party")

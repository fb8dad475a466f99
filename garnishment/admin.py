from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from . import selectors, services
from .models import (
    AuthorityMembership,
    BaseFee,
    CpiValue,
    MonthlyStatement,
    Payment,
    RegulationsPublication,
    Report,
    ServiceArrangement,
    ServingAuthority,
    SubmitterMembership,
    ThirdParty,
)


class RevocationForm(forms.Form):
    revoked_on = forms.DateField(
        label=_("Orders received from this day on are not billable"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewFilter(admin.SimpleListFilter):
    title = _("director's review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for review"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pk__in=selectors.third_parties_to_review().values("pk"))
        return queryset


@admin.register(ThirdParty)
class ThirdPartyAdmin(SimpleHistoryAdmin):
    """Recognition requests and their review; publishing, approving a changed security officer
    or form 1, and revoking go through the services so they are audited (GAR-1 to GAR-4)."""

    list_display = (
        "name",
        "company_number",
        "status",
        "published_on",
        "service_stopped_at",
        "changes_to_review",
    )
    list_filter = ("status", ReviewFilter)
    search_fields = ("name", "company_number")
    readonly_fields = (
        "status",
        "service_stopped_at",
        "service_stopped_reason",
        "service_stopped_by",
        "changes_to_review",
    )
    actions = ["publish_today", "approve_reviewed_change", "revoke"]

    @admin.action(description=_("Approve the replaced security officer or form 1"))
    def approve_reviewed_change(self, request, queryset):
        for third_party in queryset.exclude(changes_to_review=[]):
            services.third_party_review_approve(
                third_party=third_party, actor=request.user, reason="reviewed by the director"
            )
            messages.success(request, _("Approved: %(name)s.") % {"name": third_party})

    @admin.action(description=_("Revoke electronic service (with a reason)"))
    def revoke(self, request, queryset):
        """Asks for the day and the reason, then revokes each selected third party (GAR-3)."""
        form = RevocationForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for third_party in queryset:
                services.third_party_revoke(
                    third_party=third_party, actor=request.user, **form.cleaned_data
                )
                messages.warning(request, _("Revoked: %(name)s.") % {"name": third_party})
            return None
        return TemplateResponse(
            request,
            "admin/garnishment/thirdparty/revoke.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Revoke electronic service"),
                "form": form,
                "third_parties": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

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


class ServingAuthorityForm(forms.ModelForm):
    """Code, name and kind; the commencement date is derived, or overridden with a reason."""

    override_on = forms.DateField(
        label=_("Commencement date other than the derived one"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    override_reason = forms.CharField(
        label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = ServingAuthority
        fields = ["code", "name", "kind"]

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns the cleaned data
        if cleaned.get("override_on") and not (cleaned.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Give the reason for the override."))
        return cleaned


@admin.register(ServingAuthority)
class ServingAuthorityAdmin(SimpleHistoryAdmin):
    form = ServingAuthorityForm
    list_display = ("code", "name", "kind", "commencement_on", "commencement_overridden")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    readonly_fields = ("commencement_on", "commencement_override_reason")
    actions = ["derive_commencement"]

    @admin.display(boolean=True, description=_("overridden"))
    def commencement_overridden(self, authority):
        return authority.commencement_overridden

    def save_model(self, request, obj, form, change):
        """Through the services, so the derivation and any override are audited (GAR-17)."""
        services.serving_authority_save(authority=obj, actor=request.user)
        if form.cleaned_data.get("override_on"):
            services.serving_authority_override_commencement(
                authority=obj,
                commencement_on=form.cleaned_data["override_on"],
                reason=form.cleaned_data["override_reason"],
                actor=request.user,
            )
            obj.refresh_from_db()

    def delete_view(self, request, object_id, extra_context=None):
        """A line that names the authority may arrive between the confirmation page and the
        delete (a report being billed): the delete is then refused and rolled back, and the
        clerk told why, not shown a server error."""
        try:
            return super().delete_view(request, object_id, extra_context)
        except ProtectedError:
            messages.error(
                request,
                _("Report lines now name this authority: it was not deleted."),
            )
            return redirect("admin:garnishment_servingauthority_change", object_id)

    def delete_model(self, request, obj):
        """Through the service: the row locked before PROTECT looks for its lines."""
        services.serving_authority_delete(authority=obj, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for authority in queryset:
            services.serving_authority_delete(authority=authority, actor=request.user)

    @admin.action(description=_("Use the commencement date derived from the regulations"))
    def derive_commencement(self, request, queryset):
        for authority in queryset:
            services.serving_authority_clear_override(authority=authority, actor=request.user)


@admin.register(RegulationsPublication)
class RegulationsPublicationAdmin(SimpleHistoryAdmin):
    """The regulations' publication date: saving it derives every commencement date (GAR-17)."""

    list_display = ("published_on", "source")

    def has_add_permission(self, request):
        return not RegulationsPublication.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.regulations_publication_record(
            published_on=obj.published_on, source=obj.source, actor=request.user
        )
        obj.pk = RegulationsPublication.objects.order_by("-pk").values_list("pk", flat=True)[0]


@admin.register(ServiceArrangement)
class ServiceArrangementAdmin(SimpleHistoryAdmin):
    list_display = ("authority", "third_party", "notice_on", "payment_term_days", "channel")
    list_select_related = ("authority", "third_party")


@admin.register(CpiValue)
class CpiValueAdmin(SimpleHistoryAdmin):
    """Index values are entered year after year and corrected, never deleted: a missing year
    between 2016 and the last one is an error (GAR-12)."""

    list_display = (
        "year",
        "measured_month",
        "december_index",
        "base_period",
        "linking_factor",
        "source",
        "published_on",
    )

    def get_readonly_fields(self, request, obj=None):
        return ("year",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BaseFee)
class BaseFeeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "amount", "description_en", "description_he")


admin.site.register(SubmitterMembership)
admin.site.register(AuthorityMembership)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: submitted lines are kept (GAR-10); the purge job removes personal data past
    the retention period."""

    list_display = ("__str__", "submitted_at", "line_count", "rejected_count", "billed_total")
    list_select_related = ("third_party",)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read only: payments are recorded by the authority's clerks, checked against what is due
    (GAR-9)."""

    list_display = (
        "authority",
        "third_party",
        "period",
        "amount",
        "is_advance",
        "paid_on",
        "reference",
    )
    list_select_related = ("authority", "third_party")


@admin.register(MonthlyStatement)
class MonthlyStatementAdmin(admin.ModelAdmin):
    list_display = ("period", "authority", "third_party", "withheld_count", "due_on")
    list_select_related = ("authority", "third_party")

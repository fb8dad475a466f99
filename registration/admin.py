from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from taxportal.admin import ReadOnlyAdminMixin

from . import services
from .models import (
    CitizenProfile,
    ContactChange,
    ContactVerification,
    IdentityAttempt,
    Registration,
    TaxpayerRecord,
)


@admin.register(TaxpayerRecord)
class TaxpayerRecordAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """The Authority's records, loaded from its systems by `load_taxpayer_records`: read-only,
    never deleted by hand, and no answer shown (only which kinds of fact each record holds)."""

    list_display = ("national_id", "first_name", "last_name", "loaded_at", "source")
    search_fields = ("national_id",)
    fields = ("national_id", "first_name", "last_name", "facts_held", "loaded_at", "source")
    readonly_fields = fields

    @admin.display(description=_("facts held"))
    def facts_held(self, record):
        return ", ".join(sorted(record.answer_digests)) or "—"


@admin.register(CitizenProfile)
class CitizenProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "level", "channel", "mobile", "email", "registered_at")
    list_filter = ("level", "channel")
    search_fields = ("user__national_id", "mobile", "email")
    list_select_related = ("user",)
    exclude = ("user_code_hash",)
    readonly_fields = ("user", "user_code_issued_at", "registered_at", "terms_accepted_at")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: registrations change only through the wizard."""

    list_display = ("created_at", "national_id", "action", "level", "status", "channel")
    list_filter = ("status", "action", "level")
    search_fields = ("national_id",)
    exclude = ("code_hash",)


@admin.register(IdentityAttempt)
class IdentityAttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every attempt at the identity questions and the citizen login (REG-11): read-only and
    never deleted. An administrator lifts a lockout with the action, which records an unlock."""

    list_display = ("occurred_at", "national_id", "remote_addr", "purpose", "action", "outcome")
    list_filter = ("purpose", "outcome")
    search_fields = ("national_id", "remote_addr")
    date_hierarchy = "occurred_at"
    actions = ["unlock"]

    @admin.action(description=_("Lift the lockout of these identity numbers and addresses"))
    def unlock(self, request, queryset):
        pairs = set(queryset.values_list("national_id", "remote_addr"))
        for national_id, remote_addr in sorted(pairs, key=str):
            services.identity_unlock(
                national_id=national_id,
                remote_addr=remote_addr,
                actor=request.user,
                reason="lifted by an administrator in the admin",
            )
        self.message_user(
            request,
            _("Lockouts lifted: %(count)d.") % {"count": len(pairs)},
            messages.SUCCESS,
        )


@admin.register(ContactVerification)
class ContactVerificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "profile", "channel", "value", "verified_at")
    list_filter = ("channel",)
    list_select_related = ("profile__user",)


@admin.register(ContactChange)
class ContactChangeAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """REG-23: requests to change contact details, waiting, applied or cancelled; read-only."""

    list_display = ("requested_at", "profile", "source", "status", "effective_at")
    list_filter = ("status", "source")
    search_fields = ("profile__user__national_id",)
    list_select_related = ("profile__user",)

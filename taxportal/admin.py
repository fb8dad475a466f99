from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, AuditEvent, Notification, User
from .texts import said
from .tokens import api_token_issue, api_token_revoke, api_token_rotate


class ReadOnlyAdminMixin:
    """For rows that change only through services: the admin reads them, never adds or edits
    them, and deletes them only where `allow_delete` says so."""

    allow_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.allow_delete and super().has_delete_permission(request, obj)  # type: ignore[misc]


@admin.register(User)
class PortalUserAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ("username", "national_id", "first_name", "last_name", "is_staff", "is_active")
    search_fields = ("username", "national_id", "first_name", "last_name", "email")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Citizen"), {"fields": ("national_id",)}),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the trail is written by services, never edited by hand."""

    list_display = ("occurred_at", "actor", "action_shown", "target_repr", "reason")
    list_filter = ("action", "target_type")
    search_fields = ("action", "target_repr", "reason", "actor__username")
    date_hierarchy = "occurred_at"
    list_select_related = ("actor", "target_type")

    @admin.display(description=_("action"), ordering="action")
    def action_shown(self, event: AuditEvent) -> str:
        """The action in the administrator's language (stored as a code)."""
        return event.action_label


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: what citizens were told (issue 15), recorded and sent by the notifications
    area, never by hand."""

    list_display = ("created_at", "event", "identity_number", "channel", "status", "attempts")
    list_filter = ("status", "channel", "event", "case_type")
    search_fields = ("identity_number", "event", "address")
    date_hierarchy = "created_at"
    list_select_related = ("case_type",)


class ApiTokenIssueForm(forms.ModelForm):
    lifetime_days = forms.IntegerField(
        label=_("valid for (days)"), min_value=1, max_value=366, initial=90
    )

    class Meta:
        model = ApiToken
        fields = ("user", "name")


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Third parties' and the printing house's API tokens: issued here (the key is shown once),
    rotated or revoked with the actions; never edited or deleted."""

    list_display = (
        "prefix",
        "user",
        "name",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    search_fields = ("user__username", "name", "prefix")
    list_select_related = ("user",)
    actions = ["rotate", "revoke"]
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_at",
        "created_by",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenIssueForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ("user", "name", "lifetime_days")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, key = api_token_issue(
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            actor=request.user,
            lifetime=timedelta(days=form.cleaned_data["lifetime_days"]),
        )
        obj.pk, obj.prefix, obj.expires_at = token.pk, token.prefix, token.expires_at
        self._show_key(request, token, key)

    def _show_key(self, request, token, key):
        messages.warning(
            request,
            _("The key of %(token)s, shown this once; give it to its holder now: %(key)s")
            % {"token": token, "key": key},
        )

    @admin.action(description=_("Rotate: a new key, the old one stops working"))
    def rotate(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            new, key = api_token_rotate(token=token, actor=request.user)
            self._show_key(request, new, key)

    @admin.action(description=_("Revoke: the key stops working now"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(
                token=token, actor=request.user, reason=said(gettext_noop("revoked in the admin"))
            )
        self.message_user(request, _("Revoked."), messages.SUCCESS)

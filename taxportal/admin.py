from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AuditEvent, User


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

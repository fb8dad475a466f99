"""Notifications to agents (CUS-56), tasks sent back to a valuer (CUS-55) and the 06:00 list of
corrections awaiting approval (CUS-47)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxportal.model_fields import SaidTextField

from ..choices import NotificationKind
from .blocks import Block
from .declarations import ImporterDeclaration
from .entries import Entry
from .parties import CustomsAgent, CustomsHouse
from .suppliers import Supplier


class AgentNotification(models.Model):
    """One message to one agent: in its portal inbox and its API feed, with time sent and read.
    The text is rendered in the reader's language from `kind` and `params`."""

    agent = models.ForeignKey(CustomsAgent, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("subject"), max_length=30, choices=NotificationKind.choices)
    params = models.JSONField(default=dict, blank=True)
    reason = SaidTextField(_("reason"), blank=True)
    declaration = models.ForeignKey(
        ImporterDeclaration, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    block = models.ForeignKey(
        Block, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification to an agent")
        verbose_name_plural = _("notifications to agents")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["agent", "sent_at"], name="cusdecl_notice_agent"),
            models.Index(
                fields=["agent"], condition=Q(read_at__isnull=True), name="cusdecl_notice_unread"
            ),
        ]

    def __str__(self):
        return f"{self.agent_id}: {self.get_kind_display()}"


class ValuerTask(models.Model):
    """CUS-55: an entry and its declaration sent back to the valuer who missed a mismatch (or to
    the customs house's queue when that valuer no longer works there)."""

    declaration = models.ForeignKey(
        ImporterDeclaration, on_delete=models.PROTECT, related_name="valuer_tasks"
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="valuer_tasks"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    customs_house = models.ForeignKey(
        CustomsHouse, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = SaidTextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("task returned to a valuer")
        verbose_name_plural = _("tasks returned to valuers")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.declaration_id}: {str(self.reason)[:40]}"


class DailyCheck(models.Model):
    """CUS-47: the list made at 06:00 for one customs house of corrections awaiting approval."""

    customs_house = models.ForeignKey(
        CustomsHouse, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_date = models.DateField()
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on_date"]
        constraints = [
            models.UniqueConstraint(fields=["customs_house", "on_date"], name="cusdecl_daily_one")
        ]

    def __str__(self):
        return f"{self.customs_house_id or '-'} {self.on_date}"


class DailyCheckItem(models.Model):
    check_list = models.ForeignKey(DailyCheck, on_delete=models.CASCADE, related_name="items")
    declaration = models.ForeignKey(ImporterDeclaration, on_delete=models.CASCADE, related_name="+")
    status = models.PositiveSmallIntegerField()
    day_in_count = models.PositiveSmallIntegerField(null=True)
    flagged = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.check_list_id}: {self.declaration_id}"

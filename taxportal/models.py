"""What every app shares: the user (with the citizen's identity number) and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .model_fields import SaidTextField
from .notifications.models import Notification  # noqa: F401 - re-exported: the notifications area's model
from .roles import PERMISSIONS, Role
from .texts import action_label
from .validators import validate_national_id


class User(AbstractUser):
    """Staff log in with a username; citizens also carry their identity number."""

    national_id = models.CharField(
        _("identity number"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_national_id],
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = list(PERMISSIONS.items())

    @property
    def roles(self) -> list[str]:
        """The user's role names, cached per request (groups are read once)."""
        if not hasattr(self, "_role_names"):
            self._role_names = [g.name for g in self.groups.all()]
        return self._role_names

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles


class AuditEvent(models.Model):
    """One decision or action a person took: who, when, what, on which case, and why.

    Row history (django-simple-history) keeps field-level changes; this keeps the actions a
    person would name: "badge printed", "report billed", "notice of intent sent".
    """

    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("case"), max_length=255, blank=True)
    # Typed by the person who acted, or a text the system said (taxportal.texts), translated
    # into the reader's language when shown.
    reason = SaidTextField(_("why"), blank=True)
    changes = models.JSONField(_("what changed"), default=dict, blank=True)
    remote_addr = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "occurred_at"])]

    def __str__(self):
        who = self.actor or _("system")
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {who}: {self.action_label} {self.target_repr}"

    @property
    def action_label(self) -> str:
        """The action in the reader's language: actions are codes, each app's English wording
        marked with gettext_noop (or its own choices, which `audit_action_labels` registers)."""
        return action_label(self.action)


class ApiToken(models.Model):
    """A key a third party's or the printing house's system sends to the APIs
    (`Authorization: Token <key>`). Only a SHA-256 digest of the key is kept; the key itself is
    shown once, when issued. A token expires, and an administrator rotates or revokes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(_("key starts with"), max_length=8, db_index=True)
    digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"


class Receipt(models.Model):
    """What the Authority gives a citizen for everything they send (issue 15): a reference, what
    was received, what happens next and by when (the rule's date). Written by
    `taxportal.services.receipt_issue` from every request path; the texts are codes
    (taxportal.texts), shown in the reader's language. Only its owner opens it."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    identity_number = models.CharField(_("identity number"), max_length=9, db_index=True)
    event = models.CharField(_("event"), max_length=60)
    what = SaidTextField(_("what was received"))
    received = SaidTextField(_("its contents"), blank=True)
    next_step = SaidTextField(_("what happens next"), blank=True)
    due_on = models.DateField(_("by"), null=True, blank=True)
    url = models.CharField(_("where to follow it"), max_length=200, blank=True)
    case_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    case_id = models.CharField(max_length=64)
    case = GenericForeignKey("case_type", "case_id")
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["owner", "received_at"])]

    def __str__(self):
        return self.reference

"""What happens to a case: decisions and notices, the importer's answers, the appeal, and the
guarantees and deposits of a release under protest."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import SaidTextField

from ..choices import (
    NOTICE_KINDS,
    AppealOutcome,
    DecisionKind,
    NoticeDelivery,
    ReleaseForm,
    ReleaseStatus,
)
from ..rules.ranges import SCHEDULE_DAYS_AHEAD
from .cases import ValuationCase
from .fields import MONEY, SaneDate


class Decision(models.Model):
    """A dated, reasoned decision on a case; those the importer must read are notices."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=30, choices=DecisionKind.choices)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The decider's reasons as typed, or what the system wrote (taxportal.texts), shown in the
    # reader's language (a notice always in Hebrew).
    reasons = SaidTextField(_("reasons"))
    value = models.DecimalField(_("value"), null=True, blank=True, **MONEY)
    taxes = models.DecimalField(_("taxes on the value"), null=True, blank=True, **MONEY)
    due_date = models.DateField(_("the importer may act until"), null=True, blank=True)
    worksheet = models.JSONField(_("worksheet"), default=dict, blank=True)
    # CUS-23: how a notice reached the importer and on which day (the portal: the day it was
    # sent; by post: the recorded delivery, empty until then).
    delivery = models.CharField(
        _("sent"), max_length=10, choices=NoticeDelivery.choices, blank=True
    )
    notified_on = models.DateField(
        _("the importer was notified on"), null=True, blank=True, validators=[SaneDate()]
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "id"]
        indexes = [
            # The officers' queue puts first the cases with a notice still to post.
            models.Index(
                fields=["case"],
                condition=Q(delivery="post", notified_on__isnull=True),
                name="customs_decision_to_post_idx",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.get_kind_display()}"

    @property
    def is_notice(self) -> bool:
        return self.kind in NOTICE_KINDS

    @property
    def awaits_posting(self) -> bool:
        """A posted notice whose delivery is not recorded yet."""
        return self.delivery == NoticeDelivery.POST and self.notified_on is None


class ImporterAnswer(models.Model):
    """The importer's written answer to a notice of intent (CUS-10)."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="answers")
    notice = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("your answer"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("importer's answer")
        verbose_name_plural = _("importer's answers")
        ordering = ["submitted_at", "id"]

    def __str__(self):
        return f"{self.case.reference} {self.submitted_at:%d/%m/%Y}"


class Appeal(models.Model):
    """An appeal (CUS-12 to the committee for vehicles; CUS-23 to the collector for goods)."""

    case = models.OneToOneField(ValuationCase, on_delete=models.CASCADE, related_name="appeal")
    grounds = models.TextField(_("grounds of appeal"))
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    supervisor_opinion = models.TextField(_("supervisor's opinion"), blank=True)
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("committee members"), blank=True, related_name="+"
    )
    legal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("legal adviser or representative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AppealOutcome.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_at", "id"]
        indexes = [
            # The committee's list (CUS-12): forwarded appeals not decided yet, in order.
            models.Index(
                fields=["forwarded_at", "id"],
                condition=Q(forwarded_at__isnull=False, decided_at__isnull=True),
                name="customs_appeal_waiting_idx",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {_('appeal')}"


class ProtestRelease(models.Model):
    """Release under protest (CUS-17): a guarantee or deposit for the tax difference, or all
    taxes paid under protest."""

    case = models.ForeignKey(ValuationCase, on_delete=models.CASCADE, related_name="releases")
    form = models.CharField(_("release against"), max_length=20, choices=ReleaseForm.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("bank or receipt reference"), max_length=60)
    lodged_on = models.DateField(_("lodged on"), validators=[SaneDate()])
    expires_on = models.DateField(
        _("valid until"), null=True, blank=True, validators=[SaneDate(SCHEDULE_DAYS_AHEAD)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReleaseStatus.choices, default=ReleaseStatus.HELD
    )
    forfeited_amount = models.DecimalField(_("amount forfeited"), null=True, blank=True, **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("release under protest")
        verbose_name_plural = _("releases under protest")
        ordering = ["lodged_on", "id"]
        indexes = [
            # The officers' queue puts first the cases whose guarantee is about to lapse.
            models.Index(
                fields=["expires_on", "case"],
                condition=Q(status="held"),
                name="customs_release_held_idx",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} {self.get_form_display()} {self.amount}"

    @property
    def released_amount(self) -> Decimal | None:
        """What goes back to the importer once the guarantee or deposit is settled."""
        if self.forfeited_amount is None:
            return None
        return self.amount - self.forfeited_amount

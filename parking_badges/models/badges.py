"""Badges (copies, supersession, validity) and the daily print files (BADGE-12 to BADGE-18,
BADGE-48).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taxportal.model_fields import SaidCharField

from ..choices import BadgeReason, BadgeStatus
from .holders import DisabledPerson, EligibilityApproval


def print_file_path(instance, filename: str) -> str:
    return f"parking_badges/print_files/{filename}"


class PrintFile(models.Model):
    """The day's file for the printing house (BADGE-48); see docs/badge-print-file.md."""

    for_date = models.DateField(_("date"), unique=True)
    format_version = models.PositiveSmallIntegerField(_("format version"))
    file = models.FileField(_("file"), upload_to=print_file_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    badge_count = models.PositiveIntegerField(_("badges"))
    # The waiting marker (issue 18): the highest badge id when the file claimed its badges.
    # Every badge up to it that was waiting and issued by `for_date` is in this file or an
    # earlier one, so the next claim reads only the badges after it and the few up to it issued
    # after `for_date`, both by index, whatever the number of badges claimed before. Empty for
    # the files built before the marker.
    claimed_up_to = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The lowest badge id the file can hold: its claims are found by the badge key's range
    # [claimed_from, claimed_up_to] (issue 18: no index on the claims' file to keep up).
    claimed_from = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    downloaded_at = models.DateTimeField(_("first downloaded at"), null=True, blank=True)
    receipt_confirmed_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    receipt_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("print file")
        verbose_name_plural = _("print files")
        ordering = ["-for_date"]
        permissions = [("download_print_files", "Download print files (printing house)")]

    def __str__(self):
        return f"{self.for_date:%Y-%m-%d} ({self.badge_count})"


class Badge(models.Model):
    """One print of a holder's badge (BADGE-5). Printing a new one voids the previous one
    (BADGE-14): at most one badge per holder and `slot` is current, enforced by a row lock on
    the holder and by a partial unique index. A holder has one slot; an organisation with more
    than two vehicles has one per pair of vehicles (BADGE-25). What is printed is kept as it
    was printed."""

    person = models.ForeignKey(DisabledPerson, on_delete=models.PROTECT, related_name="badges")
    approval = models.ForeignKey(
        EligibilityApproval, on_delete=models.PROTECT, related_name="badges"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BadgeStatus.choices,
        default=BadgeStatus.ORDERED,
        # No index of its own: found through the (status, issue date) index, which starts with
        # it (issue 18: one index fewer for the print file's claiming UPDATE to rewrite).
    )
    slot = models.PositiveSmallIntegerField(
        _("badge of the set"),
        default=1,
        help_text=_("An organisation with more than two vehicles has one badge per pair."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=BadgeReason.choices)
    reason_note = SaidCharField(_("details"), max_length=200, blank=True)
    issued_on = models.DateField(_("issue date"), db_index=True)
    valid_until = models.DateField(_("valid until"))
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    owners_are_guardians = models.BooleanField(
        _("the vehicles' owners are the holder's guardians"), default=False
    )
    holder_name = models.CharField(_("holder's name"), max_length=200)
    holder_national_id = models.CharField(_("identity number"), max_length=9)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    vehicle_number_1 = models.CharField(_("vehicle 1"), max_length=8, db_index=True)
    vehicle_number_2 = models.CharField(_("vehicle 2"), max_length=8, blank=True, db_index=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ordered_at = models.DateTimeField(auto_now_add=True)
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
    )
    voided_at = models.DateTimeField(_("void since"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "slot"],
                condition=Q(status__in=["ordered", "sent_to_print"]),
                name="one_current_badge_per_holder_slot",
            )
        ]
        indexes = [models.Index(fields=["status", "issued_on"])]

    def __str__(self):
        return _("Badge %(number)s") % {"number": self.number}

    @property
    def number(self) -> str:
        return f"{self.pk:08d}" if self.pk else ""

    @property
    def print_file(self) -> "PrintFile | None":
        """The file the badge went out in (its claim, BADGE-48), None while it waits. Select
        `print_claim__print_file` with the badges that show it."""
        try:
            return self.print_claim.print_file
        except PrintClaim.DoesNotExist:
            return None

    @property
    def shown_status(self) -> str:
        """The status as the pages show it: an ordered badge claimed by a print file is "sent
        to the printing house". The claim is its own narrow row (issue 18), so building the
        file never rewrites the wide badge row; the stored status keeps "ordered"."""
        if self.status == BadgeStatus.ORDERED and self.in_print_file:
            return BadgeStatus.SENT_TO_PRINT
        return self.status

    @property
    def in_print_file(self) -> bool:
        """Claimed by a print file (select `print_claim` with the badges that ask)."""
        try:
            self.print_claim  # noqa: B018 - the reverse one-to-one raises when there is none
        except PrintClaim.DoesNotExist:
            return False
        return True

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # the derived status's label
        return str(BadgeStatus(self.shown_status).label)

    @property
    def vehicle_numbers(self) -> list[str]:
        return [n for n in (self.vehicle_number_1, self.vehicle_number_2) if n]


class PrintClaim(models.Model):
    """A badge claimed by a day's print file (BADGE-48): append-only, one row per badge (the
    badge is the key, so no badge can be in two files), filled for a whole file by one
    `INSERT … SELECT`. Kept apart from the wide, much-indexed badge row so the daily claim
    writes two narrow index entries per badge instead of rewriting the badge (issue 18)."""

    # No database foreign keys (issue 18): checking two per row at commit tripled the day's
    # claim. Both ends are safe without them: the rows are written only by the print file's
    # claim, from a SELECT of existing badges and the PrintFile row created in the same
    # transaction, and neither a badge nor a print file is ever deleted (PROTECT here, no
    # service deletes them).
    badge = models.OneToOneField(
        Badge,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="print_claim",
        db_constraint=False,
    )
    # No index on the file (issue 18): a B-tree cost about a third of the claim, a BRIN index
    # (migrations 0020 to 0021) a sixth; a file's claims are found through the badge key, by
    # the range of badge ids the file notes (`PrintFile.claimed_from`, `claimed_up_to`).
    print_file = models.ForeignKey(
        PrintFile,
        on_delete=models.PROTECT,
        related_name="claims",
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        verbose_name = _("badge in a print file")
        verbose_name_plural = _("badges in print files")

    def __str__(self):
        return f"{self.badge_id:08d} → {self.print_file_id}"

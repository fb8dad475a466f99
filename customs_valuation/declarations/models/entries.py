"""The minimal entry record (the spec's decision in part 2.3): what these rules need of an entry
(רשימון). The portal does not route entries or compute their taxes."""

from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import CorrectionCause, DefectCode, EntryKind
from .parties import CustomsAgent, CustomsHouse, Importer
from .suppliers import Supplier

MONEY: dict[str, Any] = {
    "max_digits": 16,
    "decimal_places": 2,
    "validators": [MinValueValidator(0)],
}
CURRENCY = RegexValidator(r"^[A-Z]{3}$", _("A currency is three capital letters (ISO 4217)."))


class Entry(models.Model):
    """An import entry filed by an agent for an importer, naming one supplier."""

    number = models.CharField(_("entry number"), max_length=20, unique=True)
    importer = models.ForeignKey(Importer, on_delete=models.PROTECT, related_name="entries")
    agent = models.ForeignKey(CustomsAgent, on_delete=models.PROTECT, related_name="entries")
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="entries")
    supplier_number_given = models.PositiveBigIntegerField(
        _("supplier number as filed"),
        help_text=_("A merged number is kept as filed; `supplier` is the number it resolves to."),
    )
    customs_house = models.ForeignKey(
        CustomsHouse, on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EntryKind.choices)
    goods_value = models.DecimalField(_("goods value"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, validators=[CURRENCY])
    usd_value = models.DecimalField(_("goods value in US dollars"), **MONEY)
    thorough_examination = models.BooleanField(_("routed to thorough examination"), default=False)
    declaration = models.ForeignKey(
        "ImporterDeclaration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("declaration relied on"),
    )
    original_required = models.BooleanField(_("physical original required"), default=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True, db_index=True)
    correction_cause = models.CharField(
        _("listed for an entry correction"),
        max_length=30,
        choices=CorrectionCause.choices,
        blank=True,
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    archive_ready_on = models.DateField(_("ready for the archive since"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["-filed_at", "-id"]
        indexes = [
            models.Index(fields=["importer", "supplier", "filed_at"], name="cusdecl_entry_pair"),
            models.Index(fields=["supplier"], name="cusdecl_entry_supplier"),
            models.Index(
                fields=["customs_house", "filed_at", "id"],
                condition=Q(archived_at__isnull=True),
                name="cusdecl_entry_unarchived",
            ),
            models.Index(
                fields=["customs_house", "archive_ready_on"],
                condition=Q(archived_at__isnull=True, archive_ready_on__isnull=False),
                name="cusdecl_entry_archive_ready",
            ),
            models.Index(
                fields=["correction_cause"],
                condition=~Q(correction_cause=""),
                name="cusdecl_entry_to_correct",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_exempt(self) -> bool:
        from ..rules import is_exempt

        return is_exempt(self.kind)


class EntryDefect(models.Model):
    """CUS-44: a defect recorded on the entry to the agent, 84 or 86."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="defects")
    code = models.CharField(_("defect"), max_length=2, choices=DefectCode.choices)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("entry defect")
        verbose_name_plural = _("entry defects")

    def __str__(self):
        return f"{self.entry_id}: {self.code}"


class EntryCorrection(models.Model):
    """An entry correction (תיקון רשימון) of the supplier number: by the valuer (CUS-44) or by
    valuation-unit staff after a cancel or merge (CUS-53, CUS-54)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="corrections")
    cause = models.CharField(max_length=30, choices=CorrectionCause.choices)
    from_supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="+")
    to_supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="+")
    to_declaration = models.ForeignKey(
        "ImporterDeclaration", on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["corrected_at", "id"]
        verbose_name = _("entry correction")
        verbose_name_plural = _("entry corrections")

    def __str__(self):
        return f"{self.entry_id}: {self.from_supplier_id} -> {self.to_supplier_id}"

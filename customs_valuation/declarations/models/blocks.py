"""Blocks (CUS-28, CUS-32, CUS-51): rows with kind, pair, declaration, cause, start and end.
Written when a block starts and when it ends; nobody ends one by hand."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxportal.model_fields import SaidTextField

from ..choices import BlockEnd, BlockKind
from .declarations import ImporterDeclaration
from .parties import Importer
from .suppliers import Supplier

ACTIVE = Q(ended_at__isnull=True)


class Block(models.Model):
    kind = models.CharField(_("block"), max_length=30, choices=BlockKind.choices)
    importer = models.ForeignKey(
        Importer, on_delete=models.PROTECT, null=True, blank=True, related_name="blocks"
    )
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="blocks")
    declaration = models.ForeignKey(
        ImporterDeclaration, on_delete=models.PROTECT, null=True, blank=True, related_name="blocks"
    )
    cause = SaidTextField(_("cause"))
    started_at = models.DateTimeField(_("since"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.CharField(_("ended by"), max_length=30, choices=BlockEnd.choices, blank=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "importer", "supplier"],
                condition=ACTIVE & Q(importer__isnull=False),
                name="cusdecl_one_active_pair_block",
            ),
            models.UniqueConstraint(
                fields=["kind", "supplier"],
                condition=ACTIVE & Q(importer__isnull=True),
                name="cusdecl_one_active_supplier_block",
            ),
        ]
        indexes = [
            models.Index(fields=["supplier", "importer"], condition=ACTIVE, name="cusdecl_active"),
            models.Index(fields=["importer", "started_at"], name="cusdecl_block_importer"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.importer_id or '*'}/{self.supplier_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

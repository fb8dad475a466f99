"""CUS-61 and CUS-62: documents asked for with a due date, the agent's uploads against each item,
and form 145's two checks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxportal.model_fields import SaidTextField

from ..choices import RequestItem
from .cases import USER, CommercialCase


class DocumentRequest(models.Model):
    case = models.ForeignKey(
        CommercialCase, on_delete=models.CASCADE, related_name="document_requests"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_on = models.DateField(_("asked on"))
    due_on = models.DateField(_("due on"))
    note = SaidTextField(_("note"), blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["due_on"], name="cuscom_request_due")]

    def __str__(self):
        return f"{self.case_id}: {self.requested_on} → {self.due_on}"


class RequestedDocument(models.Model):
    """One item of a request, with the valuer's note; the agent uploads against it."""

    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("document"), max_length=2, choices=RequestItem.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.get_code_display()


def document_path(instance, filename):
    return f"customs/commercial/{instance.case_id}/{filename}"


class CommercialDocument(models.Model):
    case = models.ForeignKey(CommercialCase, on_delete=models.CASCADE, related_name="documents")
    item = models.ForeignKey(
        RequestedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="uploads"
    )
    file = models.FileField(_("file"), upload_to=document_path)
    content_type = models.CharField(max_length=60)
    original_name = models.CharField(max_length=200)
    answer = models.TextField(_("answer"), blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class Form145Check(models.Model):
    """CUS-62: the signer is the importer (for a company, an authorised signatory) and the form
    is filled in properly; failing either, it is not relied on and is asked for again."""

    document = models.OneToOneField(
        CommercialDocument, on_delete=models.CASCADE, related_name="form_145"
    )
    signer_is_importer = models.BooleanField(_("signed by the importer or its signatory"))
    properly_filled = models.BooleanField(_("filled in properly in all its details"))
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, **USER)
    checked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.document_id}: {self.relied_on}"

    @property
    def relied_on(self) -> bool:
        return self.signer_is_importer and self.properly_filled

"""Uploaded documents, served back only as attachments of their checked type (issue 11)."""

from pathlib import PurePath

from django.shortcuts import get_object_or_404

from taxportal.permissions import permission_required
from taxportal.uploads import attachment_response

from .. import selectors
from .common import STAFF


def _download(case, document_id):
    document = get_object_or_404(case.documents.exclude(file=""), pk=document_id)
    name = PurePath(document.file.name).name
    return attachment_response(document.file, document.content_type, name)


@permission_required(*STAFF)
def document(request, pk, document_id):
    return _download(selectors.case_for_staff(pk), document_id)


@permission_required("use_personal_area")
def my_document(request, pk, document_id):
    return _download(selectors.case_for_importer(pk, request.user), document_id)

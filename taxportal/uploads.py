"""Uploaded documents, checked by their content rather than their name, and served back safely.

A PDF must begin as a PDF and end with its end-of-file marker; an image must be one Pillow can
open and verify, of the format its first bytes announce. Every upload has a size limit
(settings.UPLOAD_MAX_BYTES). The checked content type is stored with the file, and the file is
only ever served back as an attachment of that type, never rendered by the browser.

    content_type = check_upload(upload)                    # raises ValidationError
    return attachment_response(document.file, content_type, "invoice.pdf")
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEAD_BYTES = 1024
PDF_TAIL_BYTES = 1024


@dataclass(frozen=True)
class FileKind:
    name: str
    content_type: str
    extension: str
    signatures: tuple[bytes, ...]
    pillow_format: str = ""


PDF = FileKind("PDF", "application/pdf", ".pdf", (b"%PDF-",))
JPEG = FileKind("JPEG", "image/jpeg", ".jpg", (b"\xff\xd8\xff",), "JPEG")
PNG = FileKind("PNG", "image/png", ".png", (b"\x89PNG\r\n\x1a\n",), "PNG")
TIFF = FileKind("TIFF", "image/tiff", ".tif", (b"II*\x00", b"MM\x00*"), "TIFF")
DOCUMENTS = (PDF, JPEG, PNG)
SCANS = (PDF, JPEG, PNG, TIFF)
EXTENSIONS = {kind.content_type: kind.extension for kind in SCANS}


def sniff(head: bytes, allowed=SCANS) -> FileKind | None:
    """The kind the first bytes announce, among those allowed."""
    return next(
        (kind for kind in allowed if any(head.startswith(sig) for sig in kind.signatures)), None
    )


def _read(upload, start: int | None, size: int) -> bytes:
    if start is None:
        upload.seek(max(upload.size - size, 0))
    else:
        upload.seek(start)
    return upload.read(size)


def _image_is_whole(upload, kind: FileKind) -> bool:
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format != kind.pillow_format:
                return False
            image.verify()
    except Exception:  # Pillow raises many kinds (decompression bombs included): not an image
        return False
    return True


def kinds_text(kinds) -> str:
    """ "PDF", "PDF or PNG", "PDF, JPEG or PNG": what a file must be, in the reader's language."""
    names = [kind.name for kind in kinds]
    if len(names) == 1:
        return names[0]
    return _("%(some)s or %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def check_upload(upload, *, allowed=DOCUMENTS, max_bytes: int | None = None) -> str:
    """The content type of an upload that is what it claims, or a ValidationError saying why."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    names = {"name": upload.name, "types": kinds_text(allowed)}
    if not upload.size:
        raise ValidationError(_("The selected file “%(name)s” is empty.") % names, code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The selected file “%(name)s” must be smaller than %(limit)s.")
            % {**names, "limit": filesizeformat(limit)},
            code="too_large",
        )
    kind = sniff(_read(upload, 0, HEAD_BYTES), allowed)
    whole = kind is not None and (
        b"%%EOF" in _read(upload, None, PDF_TAIL_BYTES)
        if kind is PDF
        else _image_is_whole(upload, kind)
    )
    upload.seek(0)
    if kind is None or not whole:
        raise ValidationError(
            _("The selected file “%(name)s” must be a %(types)s.") % names, code="content"
        )
    return kind.content_type


def attachment_response(file, content_type: str, filename: str) -> FileResponse:
    """A stored upload, served only as a download of its checked type."""
    kind = next((k for k in SCANS if k.content_type == content_type), None)
    if kind is None:
        content_type = "application/octet-stream"
    elif not filename.lower().endswith(kind.extension):
        filename = f"{filename.rsplit('.', 1)[0]}{kind.extension}"
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

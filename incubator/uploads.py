"""Checking uploaded files by what they contain, not by what they are called."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# kind: (label, file name endings that may carry it)
KINDS = {
    "pdf": ("PDF", {".pdf"}),
    "docx": ("Word (DOCX)", {".docx"}),
    "pptx": ("PowerPoint (PPTX)", {".pptx"}),
    "odt": ("OpenDocument text (ODT)", {".odt"}),
    "png": ("PNG", {".png"}),
    "jpeg": ("JPEG", {".jpg", ".jpeg"}),
}
DOCUMENT_KINDS = frozenset(KINDS)


def sniff(upload) -> str | None:
    """The kind of file the bytes say this is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload)
    return None


def _sniff_zip(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                if archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "ppt/presentation.xml" in names:
                    return "pptx"
            return None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)


def validate_upload(upload, *, kinds=DOCUMENT_KINDS, max_bytes: int) -> str:
    """The file's kind, or a ValidationError that says plainly what is wrong."""
    allowed = ", ".join(KINDS[kind][0] for kind in sorted(kinds))
    if upload.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; files can be at most %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            }
        )
    kind = sniff(upload)
    if kind is None or kind not in kinds:
        raise ValidationError(
            _("The content of “%(name)s” is not a file we accept. Accepted: %(allowed)s.")
            % {"name": upload.name, "allowed": allowed}
        )
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in KINDS[kind][1]:
        raise ValidationError(
            _(
                "“%(name)s” is named like another kind of file, but its content is %(kind)s. "
                "Check that you chose the right file."
            )
            % {"name": upload.name, "kind": KINDS[kind][0]}
        )
    return kind

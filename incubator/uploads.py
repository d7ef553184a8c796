"""Checking uploaded files by what they contain, not by what they are called: the kind
the bytes say, what an office file (a zip container) unpacks to, and no web page code
hidden in a PDF or an image."""

import re
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
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
CONTAINERS = frozenset({"docx", "pptx", "odt"})

MB = 1024 * 1024
# Far above any real document (a long report with photos holds a few hundred parts and
# unpacks to a few tens of MB, packed at most some twenty to one), far below a zip bomb.
CONTAINER_MAX_ENTRIES = 5_000
CONTAINER_MAX_UNPACKED = 100 * MB
CONTAINER_MAX_RATIO = 100
# Markup a browser would run as a web page; none of it appears in a PDF's own syntax.
WEB_PAGE_CODE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg)[\s>/]", re.IGNORECASE
)
CHUNK = MB


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


def container_problem(upload) -> str | None:
    """Why an office file must not be accepted, or None: too many parts, too much once
    unpacked, or packed far tighter than a document is."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > CONTAINER_MAX_ENTRIES:
                return _("“%(name)s” holds %(count)s files; at most %(limit)s are allowed.") % {
                    "name": upload.name,
                    "count": number_format(len(entries), force_grouping=True),
                    "limit": number_format(CONTAINER_MAX_ENTRIES, force_grouping=True),
                }
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > CONTAINER_MAX_UNPACKED:
                return _("“%(name)s” unpacks to more than %(limit)s.") % {
                    "name": upload.name,
                    "limit": filesizeformat(CONTAINER_MAX_UNPACKED),
                }
            if unpacked > MB and unpacked > CONTAINER_MAX_RATIO * upload.size:
                return _(
                    "“%(name)s” is packed far tighter than any document is, as a zip bomb is."
                ) % {"name": upload.name}
            # The sizes above are what the file declares. Unpacking every part checks
            # them: zipfile never inflates a part past its declared size, and a part
            # that declared less than it holds fails its checksum.
            for entry in entries:
                with archive.open(entry) as part:
                    while part.read(CHUNK):
                        pass
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        return _("“%(name)s” is damaged: it cannot be opened.") % {"name": upload.name}
    finally:
        upload.seek(0)
    return None


def holds_web_page_code(upload) -> bool:
    """Whether markup a browser would run as a page is inside (a PDF/HTML polyglot)."""
    upload.seek(0)
    tail = b""
    try:
        while chunk := upload.read(CHUNK):
            if WEB_PAGE_CODE.search(tail + chunk):
                return True
            tail = chunk[-32:]
        return False
    finally:
        upload.seek(0)


def size_problem(upload, *, max_bytes: int) -> str | None:
    """Why the file's size is refused, or None. A body the upload handler stopped at
    UPLOAD_MAX_BYTES (incubator/upload_handlers.py) is larger than it could count."""
    stopped_at = getattr(upload, "stopped_at", None)
    if stopped_at:
        limit = min(max_bytes, stopped_at)
        return _("The file “%(name)s” is larger than %(size)s; files can be at most %(limit)s.") % {
            "name": upload.name,
            "size": filesizeformat(stopped_at),
            "limit": filesizeformat(limit),
        }
    if upload.size == 0:
        return _("The file “%(name)s” is empty.") % {"name": upload.name}
    if upload.size > max_bytes:
        return _("The file “%(name)s” is %(size)s; files can be at most %(limit)s.") % {
            "name": upload.name,
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(max_bytes),
        }
    return None


def validate_upload(upload, *, kinds=DOCUMENT_KINDS, max_bytes: int) -> str:
    """The file's kind, or a ValidationError that says plainly what is wrong."""
    allowed = ", ".join(KINDS[kind][0] for kind in sorted(kinds))
    problem = size_problem(upload, max_bytes=max_bytes)
    if problem:
        raise ValidationError(problem)
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
    problem = container_problem(upload) if kind in CONTAINERS else None
    if kind not in CONTAINERS and holds_web_page_code(upload):
        problem = _(
            "“%(name)s” holds web page code (HTML or a script) inside its %(kind)s content. "
            "Save it again as a plain %(kind)s and upload that."
        ) % {"name": upload.name, "kind": KINDS[kind][0]}
    if problem:
        raise ValidationError(problem)
    return kind

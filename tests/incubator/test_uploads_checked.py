"""Uploads checked to the end: office files (zip containers) by what they inflate to,
PDFs for HTML hidden inside, the size while the body streams in, and a file missing
from storage answered 404. Every file is made here, in memory."""

import io
import logging
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from challenges.models import ChallengeAttachment
from incubator.uploads import validate_upload
from tests.challenges.files import PDF, docx_bytes
from tests.factories import ChallengeFactory, MembershipFactory

MB = 1024 * 1024


def refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content), max_bytes=20 * MB)
    return " ".join(refused.value.messages)


def office_file(entries: dict[str, int] | None = None, *, count: int = 0) -> bytes:
    """A .docx whose extra entries inflate to the given sizes (zeros), or ``count`` tiny ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        for name, size in (entries or {}).items():
            with archive.open(name, "w", force_zip64=True) as entry:
                for _ in range(size // MB):
                    entry.write(bytes(MB))
        for index in range(count):
            archive.writestr(f"word/media/{index}.xml", "")
    return buffer.getvalue()


def test_a_zip_bomb_named_docx_is_refused_by_what_it_inflates_to():
    bomb = office_file({"word/media/padding.bin": 200 * MB})
    assert len(bomb) < MB

    assert "unpacks to more than 100.0\xa0MB" in refusal("plan.docx", bomb)


def test_a_zip_with_thirty_thousand_entries_is_refused():
    assert "holds 30,002 files; at most 5,000" in refusal("plan.docx", office_file(count=30_000))


def test_a_zip_packed_far_tighter_than_any_document_is_refused():
    dense = office_file({"word/media/padding.bin": 50 * MB})

    assert "packed" in refusal("plan.docx", dense)


def test_an_ordinary_office_file_is_still_accepted():
    validate_upload(SimpleUploadedFile("plan.docx", docx_bytes()), max_bytes=20 * MB)


@pytest.mark.parametrize(
    "hidden", [b"<html><script>alert(1)</script>", b"<!DOCTYPE html>", b"<SCRIPT src=x>"]
)
def test_a_pdf_with_html_inside_is_refused(hidden):
    polyglot = PDF.replace(b"trailer", hidden + b"\ntrailer")

    assert "holds web page code" in refusal("brief.pdf", polyglot)


def test_an_ordinary_pdf_is_still_accepted():
    validate_upload(SimpleUploadedFile("brief.pdf", PDF), max_bytes=20 * MB)


class Body(io.RawIOBase):
    """A request body of ``size`` bytes, made as it is read; counts what was read."""

    def __init__(self, head: bytes, size: int, tail: bytes):
        self.head, self.size, self.tail, self.read_bytes = head, size, tail, 0

    def readable(self):
        return True

    def byte_at(self, at: int) -> int:
        if at < len(self.head):
            return self.head[at]
        if at < len(self.head) + self.size:
            return 48  # "0"
        return self.tail[at - len(self.head) - self.size]

    def readinto(self, buffer):
        total = len(self.head) + self.size + len(self.tail)
        count = min(len(buffer), total - self.read_bytes)
        start, end = self.read_bytes, self.read_bytes + count
        file_start, file_end = len(self.head), len(self.head) + self.size
        if file_start <= start and end <= file_end:
            buffer[:count] = b"0" * count
        else:
            buffer[:count] = bytes(self.byte_at(at) for at in range(start, end))
        self.read_bytes = end
        return count


def streamed_request(file_bytes: int, settings) -> tuple[WSGIRequest, Body]:
    marker = b"MARKER"
    encoded = encode_multipart(
        BOUNDARY, {"note": "kept", "file": SimpleUploadedFile("big.pdf", marker)}
    )
    head, tail = encoded.split(marker)
    body = Body(head, file_bytes, tail)
    environ = {
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(head) + file_bytes + len(tail)),
        "wsgi.input": io.BufferedReader(body, buffer_size=64 * 1024),
        "PATH_INFO": "/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
    }
    return WSGIRequest(environ), body


def test_an_upload_too_large_is_stopped_while_it_streams_in(settings):
    settings.UPLOAD_MAX_BYTES = 1 * MB
    request, body = streamed_request(60 * MB, settings)

    upload = request.FILES["file"]

    assert body.read_bytes < 2 * MB
    assert request.POST["note"] == "kept"
    assert "larger than 1.0\xa0MB; files can be at most 1.0\xa0MB" in refusal_of(upload, 1 * MB)


def refusal_of(upload, limit: int) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload, max_bytes=limit)
    return " ".join(refused.value.messages)


@pytest.mark.django_db
def test_a_team_told_its_file_is_too_large_sees_the_limit_beside_the_field(
    client_of, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 64 * 1024
    membership = MembershipFactory()
    draft = ChallengeFactory(organisation=membership.organisation, status="draft")
    url = reverse("challenges:files", kwargs={"pk": draft.pk})

    big = SimpleUploadedFile("big.pdf", PDF + bytes(200 * 1024))
    page = client_of(membership.user).post(url, {"file": big}).content.decode()

    assert "“big.pdf” is larger than 64.0\xa0KB" in page
    assert "up to 20 MB each" in page
    assert not ChallengeAttachment.objects.exists()


@pytest.mark.django_db
def test_a_file_missing_from_storage_is_not_found_and_logged(client_of, settings, tmp_path, caplog):
    settings.MEDIA_ROOT = tmp_path
    membership = MembershipFactory()
    draft = ChallengeFactory(organisation=membership.organisation, status="draft")
    client = client_of(membership.user)
    client.post(
        reverse("challenges:files", kwargs={"pk": draft.pk}),
        {"file": SimpleUploadedFile("brief.pdf", PDF)},
    )
    attachment = ChallengeAttachment.objects.get()
    attachment.file.storage.delete(attachment.file.name)

    with caplog.at_level(logging.ERROR):
        response = client.get(
            reverse("challenges:attachment", kwargs={"pk": draft.pk, "file_pk": attachment.pk})
        )

    assert response.status_code == 404
    assert attachment.file.name in caplog.text

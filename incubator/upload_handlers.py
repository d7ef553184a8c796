"""Stopping an upload while it streams in: a body larger than UPLOAD_MAX_BYTES is not
read to its end before it is refused."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http.multipartparser import MultiPartParser


class TooLargeUpload(UploadedFile):
    """Stands in for a file the handler stopped reading: its form says it is too large
    (``incubator.uploads.size_problem``)."""

    def __init__(self, *, name: str, received: int, stopped_at: int):
        # Its size is what arrived before the stop: more than any form takes.
        super().__init__(file=None, name=name, size=received)
        self.stopped_at = stopped_at

    def open(self, mode=None):
        return self

    def read(self, *args):
        return b""

    def seek(self, *args):
        return 0


class UploadLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS. Counts the bytes of the request's files; past
    UPLOAD_MAX_BYTES it stops the parser, which reads no more of the body, and puts a
    TooLargeUpload in that field's place. The fields sent before the file are kept."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.stopped: TooLargeUpload | None = None
        self.parsing = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if self.parsing:
            return None  # the parser below is running: let it parse
        self.parsing = True
        parser = MultiPartParser(META, input_data, self.request.upload_handlers, encoding)
        post, files = parser.parse()
        if self.stopped is not None:
            files.setlist(self.field_name, [self.stopped])
        return post, files

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        limit = settings.UPLOAD_MAX_BYTES
        if self.received > limit:
            self.stopped = TooLargeUpload(
                name=self.file_name, received=self.received, stopped_at=limit
            )
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None

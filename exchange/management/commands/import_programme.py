import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exchange.services import ExchangeError, programme_import
from matching.embeddings import embeddings_store, round_texts


class Command(BaseCommand):
    help = (
        "Import a programme round from an exchange file (incubator-exchange/1). The whole "
        "file is checked first; on any problem nothing is written and every problem is "
        "listed with its JSON path. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The exchange file, or - to read standard input.")

    def handle(self, *args, file, **options):
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            summary = programme_import(data=raw)
        except ExchangeError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(
                ngettext(
                    "Nothing was imported: the file has %(count)d problem.",
                    "Nothing was imported: the file has %(count)d problems.",
                    len(error.messages),
                )
                % {"count": len(error.messages)}
            ) from None
        for line in summary.lines():
            self.stdout.write(line)
        if settings.MATCHING_EMBEDDINGS:
            # Embedded now, in batches, so that the first match run finds every text ready.
            embeddings_store(texts=round_texts(summary.programme), progress=self._progress)

    def _progress(self, done: int, to_do: int) -> None:
        self.stdout.write(
            _("Embeddings: %(done)d of %(to_do)d new texts embedded, with their phrases.")
            % {"done": done, "to_do": to_do}
        )

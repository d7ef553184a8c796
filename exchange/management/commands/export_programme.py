import json

from django.core.management.base import BaseCommand, CommandError

from exchange.selectors import programme_by_slug, programme_slugs
from exchange.services import programme_export
from incubator.models import Programme


class Command(BaseCommand):
    help = (
        "Write a programme round to standard output as an exchange file "
        "(incubator-exchange/1, UTF-8 JSON): every challenge and solution proposal "
        "but drafts, with their teams and themes."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The programme's slug, e.g. incubator-2025.")

    def handle(self, *args, slug, **options):
        try:
            programme = programme_by_slug(slug)
        except Programme.DoesNotExist:
            known = ", ".join(programme_slugs())
            raise CommandError(
                f"No programme has the slug {slug!r}. Programmes: {known or 'none yet'}."
            ) from None
        text = json.dumps(programme_export(programme=programme), ensure_ascii=False, indent=2)
        stream = self.stdout._out
        # UTF-8 bytes whatever the locale of the shell says, when the stream takes bytes.
        if hasattr(stream, "buffer"):
            stream.flush()
            stream.buffer.write(text.encode() + b"\n")
            stream.buffer.flush()
        else:
            stream.write(text + "\n")

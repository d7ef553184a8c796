from django.core.management.base import BaseCommand

from library.index import library_refresh


class Command(BaseCommand):
    help = "Rewrite the library's index from what is public now (every round)."

    def handle(self, *args, **options):
        self.stdout.write(f"Library: {library_refresh()} entries.")

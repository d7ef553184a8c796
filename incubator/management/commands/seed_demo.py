from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Fill the database with a believable demo round (safe to run twice)."

    def handle(self, *args, **options):
        # Each seeder builds on those before it and says in one line what is there.
        lines = [import_module(name).seed() for name in settings.DEMO_SEEDERS]
        # The first, the core's, names the round; each app's line sits under it.
        self.stdout.write(lines[0])
        for line in lines[1:]:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:40} {account.note}")

from django.core.management.base import BaseCommand

from incubator.services.demo import (
    DEMO_PASSWORD,
    demo_apps_seed,
    demo_round_seed,
    demo_summary,
)


class Command(BaseCommand):
    help = "Fill the database with a believable demo round (safe to run twice)."

    def handle(self, *args, **options):
        accounts = demo_round_seed()
        app_lines = demo_apps_seed()
        figures = demo_summary()
        self.stdout.write(
            f"Demo round ready: {figures['teams']} government teams in "
            f"{figures['countries']} countries, {figures['people']} accounts."
        )
        for line in app_lines:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.email:40} {account.note}")

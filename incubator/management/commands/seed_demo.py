from django.core.management.base import BaseCommand

from incubator.services.demo import DEMO_PASSWORD, demo_round_seed, demo_summary


class Command(BaseCommand):
    help = "Fill the database with a believable demo round (safe to run twice)."

    def handle(self, *args, **options):
        accounts = demo_round_seed()
        figures = demo_summary()
        self.stdout.write(
            f"Demo round ready: {figures['teams']} government teams in "
            f"{figures['countries']} countries, {figures['people']} accounts."
        )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.email:40} {account.note}")

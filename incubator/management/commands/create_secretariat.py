import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from incubator.models import Role, User
from incubator.services.accounts import account_create_verified


class Command(BaseCommand):
    help = (
        "Create a secretariat account from the command line: the first one of a new "
        "installation, when nobody can grant the role yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Display name.")
        parser.add_argument("--time-zone", default="UTC")

    def handle(self, *args, email, name, time_zone, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account for {email} exists already.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password again: "):
            raise CommandError("The two passwords differ.")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        account_create_verified(
            email=email,
            password=password,
            display_name=name,
            time_zone=time_zone,
            roles=(Role.SECRETARIAT,),
        )
        self.stdout.write(
            f"Secretariat account {email} created. At first sign-in it must set up an "
            "authenticator app before reaching secretariat pages."
        )

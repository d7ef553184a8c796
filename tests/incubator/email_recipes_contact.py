"""The recipes of the emails to and from the secretariat (see email_recipes.py)."""

from incubator.services import contact as contact_services
from incubator.services.accounts import sign_in_failures_tell
from tests.factories import UserFactory, secretariat_user


def _sent(language):
    person = UserFactory(language=language, display_name="Ana Ferreira")
    message = contact_services.contact_send(
        sender=person,
        name="Ana Ferreira",
        email=person.email,
        subject="Deadline of the call",
        body="Can a team submit two challenges?",
        language=language,
    )
    return person, message


def contact_received(language):
    return _sent(language)[0]


def contact_answer(language):
    person, message = _sent(language)
    contact_services.contact_answer(
        message=message, answer="Yes, each in its own draft.", by=secretariat_user()
    )
    return person


def sign_in_failures(language):
    desk = secretariat_user(language=language, display_name="Lea Martin")
    account = UserFactory()
    sign_in_failures_tell(email=account.email, failures=10)
    return desk


CONTACT_RECIPES = (contact_received, contact_answer, sign_in_failures)

"""The recipes of the emails about a message to the secretariat (see email_recipes.py)."""

from incubator.services import contact as contact_services
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


CONTACT_RECIPES = (contact_received, contact_answer)

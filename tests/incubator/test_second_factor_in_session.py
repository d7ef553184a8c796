"""The secretariat role counts only once its second factor is verified in this session.

Two accounts hold the role without it: one that has not set up its authenticator yet
(every new one), and one whose authenticator exists but whose session was opened some
other way (a password alone, a login link). Neither may read or remove another team's
things, on any page, whatever the address."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from challenges.models import ChallengeAttachment
from cohorts.models import Opportunity, Resource
from incubator.access import is_secretariat
from solutions.models import SolutionAttachment
from tests.cohorts.factories import (
    CohortFactory,
    OpportunityFactory,
    ResourceFactory,
    SessionFactory,
)
from tests.factories import (
    PASSWORD,
    ChallengeFactory,
    secretariat_user,
    sign_in,
    with_second_factor,
)
from tests.solutions.factories import SolutionFactory

pytestmark = pytest.mark.django_db

MARKER = "Planted-by-team-B"


def _password_only():
    return sign_in(Client(), secretariat_user(second_factor=False))


def _not_verified_in_session():
    return sign_in(Client(), secretariat_user(), second_factor=False)


UNVERIFIED = {
    "no authenticator": _password_only,
    "authenticator not used": _not_verified_in_session,
}


def _challenge_file():
    challenge = ChallengeFactory(status="draft")
    attachment = ChallengeAttachment.objects.create(
        challenge=challenge, original_name="plan.pdf", kind="pdf", size=10
    )
    attachment.file.save("plan.pdf", ContentFile(f"%PDF-1.4 {MARKER}".encode()), save=True)
    return reverse("challenges:attachment", kwargs={"pk": challenge.pk, "file_pk": attachment.pk})


def _solution_file():
    solution = SolutionFactory(status="draft")
    attachment = SolutionAttachment.objects.create(
        solution=solution, original_name="plan.pdf", kind="pdf", size=10
    )
    attachment.file.save("plan.pdf", ContentFile(f"%PDF-1.4 {MARKER}".encode()), save=True)
    return reverse("solutions:attachment", kwargs={"pk": solution.pk, "file_pk": attachment.pk})


def _resource_file():
    resource = ResourceFactory(
        url="",
        file=ContentFile(f"%PDF-1.4 {MARKER}".encode(), name="notes.pdf"),
        original_name="notes.pdf",
        file_kind="pdf",
    )
    return reverse("cohorts:resource_file", kwargs={"pk": resource.pk})


def _resources():
    ResourceFactory(title=MARKER)
    return reverse("cohorts:resources")


def _opportunities():
    OpportunityFactory(title=MARKER)
    return reverse("cohorts:opportunities")


def _sessions():
    SessionFactory(title=MARKER, cohort=CohortFactory())
    return reverse("cohorts:sessions")


READS = {
    "challenge draft file": _challenge_file,
    "proposal draft file": _solution_file,
    "cohort resource file": _resource_file,
    "cohort resources": _resources,
    "cohort opportunities": _opportunities,
    "cohort sessions": _sessions,
}


def _read(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


@pytest.mark.parametrize("account", UNVERIFIED)
@pytest.mark.parametrize("page", READS)
def test_without_its_second_factor_in_session_the_secretariat_reads_no_teams_things(account, page):
    url = READS[page]()

    response = UNVERIFIED[account]().get(url)

    assert MARKER not in _read(response)
    if "file" in page:
        assert response.status_code == 404


@pytest.mark.parametrize("page", READS)
def test_with_its_second_factor_verified_the_secretariat_reads_them(page):
    url = READS[page]()

    response = sign_in(Client(), secretariat_user()).get(url)

    assert response.status_code == 200
    assert MARKER in _read(response)


REMOVALS = {
    "cohorts:resource_remove": (ResourceFactory, Resource),
    "cohorts:opportunity_remove": (OpportunityFactory, Opportunity),
}


@pytest.mark.parametrize("account", UNVERIFIED)
@pytest.mark.parametrize("action", REMOVALS)
def test_without_its_second_factor_in_session_the_secretariat_removes_nothing(account, action):
    factory, model = REMOVALS[action]
    item = factory()

    UNVERIFIED[account]().post(reverse(action, kwargs={"pk": item.pk}), {"confirmed": "yes"})

    assert model.objects.filter(pk=item.pk).exists()


def test_a_session_without_the_code_is_asked_for_it_on_a_secretariat_page():
    response = _not_verified_in_session().get(reverse("secretariat:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert "next=%2Fsecretariat%2F" in response.url


def test_a_request_marks_its_user_so_services_ask_the_same_question():
    client = _not_verified_in_session()
    response = client.get(reverse("incubator:dashboard"))

    assert not is_secretariat(response.wsgi_request.user)


def _code(secret: str) -> str:
    from tests.browser.journey import current_totp_code

    return current_totp_code(secret)


def test_signing_in_with_the_authenticators_code_opens_secretariat_pages():
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    secret = generate_totp_secret()
    person = with_second_factor(secretariat_user(second_factor=False), secret=secret)
    client = Client()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert client.get(reverse("secretariat:home")).status_code == 302

    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})

    assert client.get(reverse("secretariat:home")).status_code == 200


# allauth says an authenticator was added once the transaction commits, as in production.
@pytest.mark.django_db(transaction=True)
def test_setting_up_the_authenticator_in_this_session_counts_as_verifying_it():
    person = secretariat_user(second_factor=False)
    client = Client()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})

    assert client.get(reverse("secretariat:home")).status_code == 200

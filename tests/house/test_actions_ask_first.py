"""Nothing irreversible happens on one click, and no address answers a bare 405.

Every action that cannot be undone is a ``ConfirmedAction``: a GET of its address shows
its confirmation page, and only the confirmed POST acts. Every other view that takes a
POST from another page is a ``form_receiver``: a GET goes to that page. These tests walk
every address of the portal, so a new action is covered without editing them, except to
say how to build its objects."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from challenges.models import ChallengeAttachment
from incubator.models import Membership, Notification, Role, RoleGrant
from incubator.views.confirmation import ConfirmedAction
from matching.models import Match
from tests.cohorts.factories import (
    CohortFactory,
    EnrolmentFactory,
    OpportunityFactory,
    ResourceFactory,
    SessionFactory,
)
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    ProgrammeFactory,
    UserFactory,
    with_second_factor,
)
from tests.incubation.factories import workspace
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer
from tests.solutions.factories import SolutionFactory

ROOT = Path(settings.BASE_DIR)
# The URL namespaces of the portal's own apps, so that a new app is covered without
# editing these tests.
PORTAL_NAMESPACES = {
    config.label for config in apps.get_app_configs() if Path(config.path).parent == ROOT
} & set(get_resolver().namespace_dict)
DUMMY = {"int": 999999, "slug": "nothing-here", "string": "nothing", "path": "nothing"}


def portal_patterns(resolver=None, namespace="", converters=None):
    """(URL name, (pattern, converters of the whole address)) for every named address
    of the portal's own apps."""
    resolver = resolver or get_resolver()
    converters = converters or {}
    for entry in resolver.url_patterns:
        found = {**converters, **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            yield from portal_patterns(entry, entry.namespace or namespace, found)
        elif isinstance(entry, URLPattern) and entry.name and namespace in PORTAL_NAMESPACES:
            yield f"{namespace}:{entry.name}", (entry, found)


def converter_kind(converter) -> str:
    return type(converter).__name__.removesuffix("Converter").lower()


def dummy_url(name: str) -> str:
    _pattern, converters = PATTERNS[name]
    kwargs = {key: DUMMY[converter_kind(converter)] for key, converter in converters.items()}
    return reverse(name, kwargs=kwargs)


PATTERNS = dict(portal_patterns())


def everyone():
    """One person in every role: secretariat with a second factor, reviewer, member."""
    person = with_second_factor(UserFactory())
    for role in (Role.SECRETARIAT, Role.REVIEWER):
        RoleGrant.objects.create(user=person, role=role)
    return person


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_address_answers_a_plain_get_with_a_bare_405(client_of, name):
    response = client_of(everyone()).get(dummy_url(name))

    assert response.status_code != 405, f"{name} refuses a GET: make it ask or send back"


def action_names() -> set[str]:
    return {
        name
        for name, (pattern, _converters) in PATTERNS.items()
        if issubclass(getattr(pattern.callback, "view_class", object), ConfirmedAction)
    }


# How to reach each action on real objects: the URL arguments, for a person in every role.
def _match(person):
    return Match.objects.create(
        programme=ProgrammeFactory(),
        challenge=ChallengeFactory(),
        solution=SolutionFactory(),
        score=0.7,
    )


def _matching(action):
    def build(person):
        match = _match(person)
        return {"slug": match.programme.slug, "pk": match.pk, "action": action}

    return build


def _release(person):
    return {"call_pk": review_call().pk}


def _assignment_remove(person):
    item = challenge_under_review(review_call())
    return {"call_pk": item.call_id, "item_pk": item.pk, "pk": assign(item, reviewer()).pk}


def _file(person):
    challenge = ChallengeFactory(status="draft")
    Membership.objects.create(organisation=challenge.organisation, user=person)
    attachment = ChallengeAttachment.objects.create(
        challenge=challenge, original_name="plan.pdf", kind="pdf", size=10
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {"pk": challenge.pk, "file_pk": attachment.pk}


def _resource(person):
    return {"pk": ResourceFactory().pk}


def _opportunity(person):
    return {"pk": OpportunityFactory().pk}


def _team(person):
    enrolment = EnrolmentFactory(cohort=CohortFactory())
    return {"pk": enrolment.cohort_id, "organisation_pk": enrolment.organisation_id}


def _session(person):
    return {"pk": SessionFactory().pk}


def _failed(person):
    notification = Notification.objects.create(
        key="failed:1", to_email="a@gov.example", language="en", subject="Hello",
        body_text="…", status="failed", last_error="550",
    )  # fmt: skip
    return {"pk": notification.pk}


def _contact_message(person):
    from incubator.models import ContactMessage

    message = ContactMessage.objects.create(
        name="Ana", email="ana@gov.example", language="en", subject="Hello", body="A question"
    )
    return {"pk": message.pk}


def _failed_kind(person):
    _failed(person)
    return {"kind": "failed"}


def _call(person):
    return {"pk": CallFactory().pk}


def _incubation(state):
    def build(person):
        return {"pk": workspace(state=state, secretariat=person).incubation.pk}

    return build


def _meeting(person):
    from incubation.services.meetings import meeting_propose

    ws = workspace()
    Membership.objects.create(organisation=ws.owner_team.organisation, user=person)
    meeting = meeting_propose(
        incubation=ws.incubation, by=ws.owner, title="Kick-off", duration_minutes=60
    )
    return {"pk": ws.incubation.pk, "meeting_pk": meeting.pk}


ACTIONS = {
    "incubator:call_close": _call,
    "reviews:release": _release,
    "reviews:assignment_remove": _assignment_remove,
    "challenges:screening_bulk": lambda person: {},
    "challenges:file_remove": _file,
    "cohorts:resource_remove": _resource,
    "cohorts:opportunity_remove": _opportunity,
    "cohorts:desk_cohort_remove_team": _team,
    "cohorts:desk_session_cancel": _session,
    "cohorts:calendar_revoke": lambda person: {},
    "incubator:outbox_retry": _failed,
    "incubator:contact_close": _contact_message,
    "incubator:outbox_retry_kind": _failed_kind,
    "matching:action": _matching("confirm"),
    "incubation:closing_start": _incubation("active"),
    "incubation:close": _incubation("closing"),
    "incubation:meeting_cancel": _meeting,
    "mydata:account_delete": lambda person: {},
}
# Actions chosen on their own page, where the form is: a GET goes back there.
CHOSEN_ON_THEIR_PAGE = {"challenges:screening_move"}
# The solutions' pages are the same views as the challenges' (submissions.views.team).
SAME_AS = {"solutions:file_remove": "challenges:file_remove"}


def test_every_action_that_asks_first_is_known_here():
    known = set(ACTIONS) | CHOSEN_ON_THEIR_PAGE | set(SAME_AS)
    assert action_names() <= known, "say how to build the new action's objects"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_get_of_an_action_shows_its_confirmation_page_and_changes_nothing(
    client_of, name, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    person = everyone()
    url = reverse(name, kwargs=ACTIONS[name](person))
    before = Notification.objects.count()

    response = client_of(person).get(url)

    page = response.content.decode()
    assert response.status_code == 200, page[:500]
    assert "<h1>" in page and ("Cancel</a>" in page or "Go back</a>" in page)
    assert Notification.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CHOSEN_ON_THEIR_PAGE))
def test_an_action_chosen_on_its_page_sends_a_get_back_there(client_of, name):
    challenge = ChallengeFactory()

    response = client_of(everyone()).get(reverse(name, kwargs={"pk": challenge.pk}))

    assert response.status_code == 302


def portal_sources():
    apps = [ROOT / name for name in sorted(PORTAL_NAMESPACES)]
    return sorted(
        path for app in apps for path in app.rglob("*.py") if "migrations" not in path.parts
    )


@pytest.mark.parametrize("path", portal_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_view_is_post_only(path):
    source = ast.parse(path.read_text())
    post_only = [
        node.lineno
        for node in ast.walk(source)
        if (isinstance(node, ast.Name) and node.id == "require_POST")
        or (isinstance(node, ast.Attribute) and node.attr == "require_POST")
    ]
    assert not post_only, f"require_POST at lines {post_only}: use ConfirmedAction or form_receiver"

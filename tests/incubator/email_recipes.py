"""How each email of the portal comes about: for every template under an app's
``templates/emails/<name>/``, a recipe that builds a realistic round with the factories and
runs the real service that queues that email. Each recipe returns the person the email
went to, created in the language asked for. A new email template needs a recipe here:
the email test fails for a template it cannot produce."""

from datetime import timedelta

from django.utils import timezone

from challenges.services import (
    CHALLENGE_DRAFTING,
    challenge_decline,
    challenge_draft_reminders_send,
    challenge_publish,
)
from cohorts.services import (
    registration_cancel,
    registration_create,
    session_cancel,
    session_reminders_send,
    session_update,
)
from incubator.services.organisations import invitation_accept, invitation_send
from matching.models import Match
from matching.services import match_confirm
from outcomes.services import surveys_create_due
from reviews.services import review_overdue_reminders_send
from reviews.services.assignment import assignment_add
from solutions.services import (
    SOLUTION_DRAFTING,
    solution_decline,
    solution_draft_reminders_send,
    solution_select,
)
from submissions.services.drafting import submission_submit
from tests.cohorts.factories import SessionFactory, cohort_member
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)
from tests.incubator.email_recipes_contact import CONTACT_RECIPES
from tests.incubator.email_recipes_incubation import INCUBATION_RECIPES
from tests.outcomes.factories import ConfirmedMatchFactory
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

NOW = timezone.now()
REASON = "The problem is already being solved by a national programme."


def _member(language: str, team=None, **fields):
    team = team or OrganisationFactory()
    return MembershipFactory(
        organisation=team,
        user=UserFactory(language=language, display_name="Ana Ferreira", **fields),
    ).user


def _themes():
    return [
        ThemeFactory(slug="digital-inclusion", name="Digital inclusion"),
        ThemeFactory(slug="health", name="Health"),
    ]


def invitation(language):
    person = UserFactory(language=language, display_name="Jonas Tamm")
    inviter = _member("en")
    invitation_send(organisation=inviter.organisations.get(), email=person.email, by=inviter)
    return person


def invitation_accepted(language):
    inviter = _member(language)
    invitee = UserFactory(display_name="Jonas Tamm")
    team = inviter.organisations.get()
    sent = invitation_send(organisation=team, email=invitee.email, by=inviter)
    invitation_accept(invitation=sent, user=invitee)
    return inviter


def _submitted(factory, drafting, language, **fields):
    person = _member(language)
    draft = factory(
        organisation=person.organisations.get(),
        status="draft",
        submitted_at=None,
        themes=_themes(),
        **fields,
    )
    draft.contacts.add(person, _member("en", team=draft.organisation))
    submission_submit(drafting=drafting, submission=draft, by=person)
    return person


def challenge_submitted(language):
    # An ampersand in the answers shows whether the HTML copy escapes what teams typed.
    return _submitted(
        ChallengeFactory, CHALLENGE_DRAFTING, language, title="Benefits & care at home"
    )


def solution_submitted(language):
    return _submitted(
        SolutionFactory, SOLUTION_DRAFTING, language, interests=[ChallengeFactory(published=True)]
    )


def _drafted_before_deadline(factory, call_factory, language):
    person = _member(language)
    call = call_factory(closes_at=NOW + timedelta(days=5))
    factory(organisation=person.organisations.get(), call=call, status="draft", submitted_at=None)
    return person


def challenge_draft_reminder(language):
    person = _drafted_before_deadline(ChallengeFactory, CallFactory, language)
    challenge_draft_reminders_send(now=NOW)
    return person


def solution_draft_reminder(language):
    person = _drafted_before_deadline(SolutionFactory, SolutionsCallFactory, language)
    solution_draft_reminders_send(now=NOW)
    return person


def challenge_selected(language):
    person = _member(language)
    challenge = ChallengeFactory(organisation=person.organisations.get())
    challenge_publish(challenge=challenge, by=secretariat_user())
    return person


def challenge_declined(language):
    person = _member(language)
    challenge = ChallengeFactory(organisation=person.organisations.get())
    challenge_decline(challenge=challenge, by=secretariat_user(), reason=REASON)
    return person


def solution_selected(language):
    person = _member(language)
    solution = SolutionFactory(organisation=person.organisations.get(), status="screening")
    solution_select(submission=solution, by=secretariat_user(), reason="A strong offer.")
    return person


def solution_declined(language):
    person = _member(language)
    solution = SolutionFactory(organisation=person.organisations.get(), status="screening")
    solution_decline(submission=solution, by=secretariat_user(), reason=REASON)
    return person


def review_assigned(language):
    call = review_call()
    person = reviewer(language=language, display_name="Marie Dubois")
    item = challenge_under_review(call, title="Island ferries that run on time")
    assignment_add(item=item, reviewer=person, by=secretariat_user())
    return person


def review_overdue(language):
    call = review_call(
        opens_at=NOW - timedelta(days=10),
        due_at=NOW - timedelta(hours=2),
        closes_at=NOW + timedelta(days=3),
    )
    person = reviewer(language=language, display_name="Marie Dubois")
    assign(challenge_under_review(call, title="Island ferries that run on time"), person)
    review_overdue_reminders_send(now=NOW)
    return person


def match_introduction(language):
    match = ConfirmedMatchFactory(state=Match.State.PROPOSED, locked=False, decided_at=None)
    person = _member(language, team=match.challenge.organisation)
    match.solution.contacts.add(_member("en", team=match.solution.organisation))
    match_confirm(match=match, by=secretariat_user())
    return person


def followup_survey(language):
    match = ConfirmedMatchFactory(decided_at=NOW - timedelta(days=100))
    person = _member(language, team=match.challenge.organisation)
    surveys_create_due(now=NOW)
    return person


def _registered(language, **session_fields):
    session = SessionFactory(**session_fields)
    person = cohort_member(session.cohort, language=language, display_name="Ana Ferreira")
    registration_create(session=session, user=person)
    return session, person


def session_reminder(language):
    session, person = _registered(language)
    session_reminders_send(now=session.starts_at - timedelta(hours=2))
    return person


def session_rescheduled(language):
    session, person = _registered(language)
    later = session.starts_at + timedelta(days=1)
    session_update(
        session=session,
        by=secretariat_user(),
        starts_at=later,
        ends_at=later + timedelta(minutes=90),
    )
    return person


def session_cancelled(language):
    session, person = _registered(language)
    session_cancel(session=session, by=secretariat_user(), reason="The speaker is ill.")
    return person


def session_promoted(language):
    session = SessionFactory(capacity=1)
    first = cohort_member(session.cohort)
    taken = registration_create(session=session, user=first)
    person = cohort_member(session.cohort, language=language, display_name="Ana Ferreira")
    registration_create(session=session, user=person)
    registration_cancel(registration=taken, by=first)
    return person


RECIPES = {
    recipe.__name__: recipe
    for recipe in (
        invitation,
        invitation_accepted,
        challenge_submitted,
        solution_submitted,
        challenge_draft_reminder,
        solution_draft_reminder,
        challenge_selected,
        challenge_declined,
        solution_selected,
        solution_declined,
        review_assigned,
        review_overdue,
        match_introduction,
        followup_survey,
        session_reminder,
        session_rescheduled,
        session_cancelled,
        session_promoted,
        *INCUBATION_RECIPES,
        *CONTACT_RECIPES,
    )
}

# Links a recipe's own data carries to other sites (a session's joining link): the
# only hosts an email may name besides the portal's.
DATA_LINK_HOSTS = {"meet.example"}

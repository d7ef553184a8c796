"""The 2027 round's challenges: published ones for the public list, submitted ones and
ones in screening for the desk, and the demo member's team's draft, still missing "The
help you seek", so the member sees what is left to do before submitting.

``challenges.json`` holds, for each challenge, its team, its state (published,
screening, submitted or draft), how many days before the seeding its team submitted it
(none for a draft), its themes, who wrote it (only the demo member has an account; the
other teams' challenges have no author) and ``fields``, the challenge as stored: the
team's answers and, in screening, the secretariat's checklist and note."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges.models import Challenge
from challenges.search import challenge_search_refresh
from incubator.demo.data import demo_data, demo_each, demo_named
from incubator.demo.seed import DEMO_PROGRAMME
from incubator.models import Call, Organisation, Theme, User
from incubator.models.programmes import CallKind
from submissions.models import SubmissionState

S = SubmissionState
STATUS = {
    "published": S.SELECTED,
    "screening": S.SCREENING,
    "submitted": S.SUBMITTED,
    "draft": S.DRAFT,
}


@dataclass(frozen=True)
class DemoChallenge:
    team: str
    state: str
    submitted_days_ago: int | None
    written_by: str | None
    themes: list[str]
    fields: dict

    @property
    def title(self) -> str:
        return self.fields["title"]


CHALLENGES = demo_each(__name__, "challenges", lambda r: DemoChallenge(**r), part="challenges")


@transaction.atomic
def seed() -> str:
    """Idempotent: a call that already holds challenges is left as it is, whoever wrote
    them, so a second run (or the demo member's own work) is never duplicated."""
    call = Call.objects.get(programme__slug=DEMO_PROGRAMME, kind=CallKind.CHALLENGES)
    if not Challenge.objects.filter(call=call).exists():
        _create_challenges(call)
    return _summary(call)


def _create_challenges(call: Call) -> None:
    # Rows are written directly rather than through the services: seed data must not
    # queue the emails that submitting and publishing send.
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    published_after = timedelta(
        days=demo_data(__name__, "challenges")["published_days_after_submitting"]
    )
    teams = {team.name: team for team in Organisation.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}

    def create(record: dict) -> Challenge:
        entry = DemoChallenge(**record)
        status = demo_named(STATUS, entry.state, "state")
        author = User.objects.get(email=entry.written_by) if entry.written_by else None
        challenge = Challenge(
            organisation=demo_named(teams, entry.team, "team"),
            call=call,
            status=status,
            created_by=author,
            **entry.fields,
        )
        if status != S.DRAFT:
            challenge.submitted_at = now - timedelta(days=entry.submitted_days_ago)
        if status == S.SELECTED:
            challenge.decided_at = challenge.published_at = challenge.submitted_at + published_after
        challenge_save(
            challenge, themes=[demo_named(themes, slug, "theme") for slug in entry.themes]
        )
        if author is not None:
            challenge.contacts.add(author)
        return challenge

    demo_each(__name__, "challenges", create, part="challenges")


def challenge_save(challenge: Challenge, *, themes: list[Theme]) -> Challenge:
    """Save a demo challenge, of this round or the past one, checked like a team's answers
    (lengths, choices, languages), with its themes, and findable by search."""
    challenge.full_clean(exclude=["search_vector", "created_by"])
    challenge.save()
    challenge.themes.set(themes)
    challenge_search_refresh(challenge)
    return challenge


def _summary(call: Call) -> str:
    in_call = Challenge.objects.filter(call=call)
    published = in_call.filter(status=S.SELECTED, published_at__isnull=False).count()
    submitted = in_call.filter(status=S.SUBMITTED).count()
    screening = in_call.filter(status=S.SCREENING).count()
    drafts = in_call.filter(status=S.DRAFT).count()
    return (
        f"{in_call.count()} challenges in the {call.title.lower()}: {published} published, "
        f"{submitted} submitted, {screening} in screening, {drafts} draft"
        f"{'' if drafts == 1 else 's'}."
    )

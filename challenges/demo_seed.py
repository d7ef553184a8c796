"""Demo challenges for the demo round: published ones for the public list, submitted ones
for the screening desk, and a draft for the demo member's team. Found and run by
``seed_demo`` (see ``incubator.services.demo.demo_apps_seed``)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges.demo_content import CHALLENGES, DemoChallenge
from challenges.models import Challenge
from challenges.search import challenge_search_refresh
from incubator.models import Call, Organisation, Theme, User
from incubator.models.programmes import CallKind
from incubator.services.demo import DEMO_MEMBER, DEMO_PROGRAMME
from submissions.models import SubmissionState

S = SubmissionState
STATUS = {
    "published": S.SELECTED,
    "screening": S.SCREENING,
    "submitted": S.SUBMITTED,
    "draft": S.DRAFT,
}
# How long after submitting the secretariat selected and published a challenge.
DECIDED_AFTER = timedelta(days=3)


@transaction.atomic
def seed() -> str:
    """Idempotent: a call that already holds challenges is left as it is, whoever wrote
    them, so a second run (or the demo member's own work) is never duplicated."""
    call = Call.objects.get(programme__slug=DEMO_PROGRAMME, kind=CallKind.CHALLENGES)
    if not Challenge.objects.filter(call=call).exists():
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        member = User.objects.get(email=DEMO_MEMBER.email)
        for entry in CHALLENGES:
            _create(entry, call=call, now=now, member=member)
    return _summary(call)


def _create(entry: DemoChallenge, *, call: Call, now, member: User) -> None:
    # Rows are written directly rather than through the services: seed data must not
    # queue the emails that submitting and publishing send.
    status = STATUS[entry.state]
    challenge = Challenge(
        organisation=Organisation.objects.get(name=entry.team),
        call=call,
        status=status,
        title=entry.title,
        summary=entry.summary,
        problem_statement=entry.problem_statement,
        context=entry.context,
        tried=entry.tried,
        constraints=entry.constraints,
        expertise_sought=entry.expertise_sought,
        hoped_outcome=entry.hoped_outcome,
        sector=entry.sector,
        lifecycle_stage=entry.lifecycle_stage,
        languages=list(entry.languages),
        meeting_windows=entry.meeting_windows,
        eligibility=entry.eligibility or {},
        screening_note=entry.screening_note,
    )
    if status == S.DRAFT:
        challenge.created_by = member
    else:
        challenge.submitted_at = now - timedelta(days=entry.submitted_days_ago)
    if status == S.SELECTED:
        challenge.decided_at = challenge.published_at = challenge.submitted_at + DECIDED_AFTER
    # The content is checked like a team's answers (lengths, choices, languages); only the
    # demo member has an account, so the other teams' challenges have no author.
    challenge.full_clean(exclude=["search_vector", "created_by"])
    challenge.save()
    challenge.themes.set(Theme.objects.filter(slug__in=entry.themes))
    if status == S.DRAFT:
        challenge.contacts.add(member)
    challenge_search_refresh(challenge)


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

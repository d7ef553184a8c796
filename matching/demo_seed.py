"""Matching of the demo's previous round, incubator-2026: one real run of the engine
with the default weights, then the secretariat's confirmations of about half the
proposals (the best pair of each challenge, and the demo member's team's), made in
August 2026. Found and run by ``seed_demo`` (see
``incubator.services.demo.demo_apps_seed``)."""

from datetime import timedelta

from django.db import transaction

from incubator.models import Organisation, Programme, User
from incubator.services.demo import DEMO_ACCOUNTS, DEMO_MEMBER
from matching.engine.model import Weights
from matching.models import Match, MatchRun
from matching.services import match_run_execute
from solutions.demo_content import CALENDAR, PAST_PROGRAMME

SECRETARIAT = DEMO_ACCOUNTS[0].email
# The secretariat confirmed a few pairs a day after the run.
CONFIRMED_PER_DAY = 3


@transaction.atomic
def seed() -> str:
    """Idempotent: a programme that has been matched once is left as it is."""
    programme = Programme.objects.filter(slug=PAST_PROGRAMME).first()
    if programme is None:
        return "Matching: no past round to match."
    if not programme.match_runs.exists():
        _match(programme, by=User.objects.get(email=SECRETARIAT))
    return _summary(programme)


def _match(programme: Programme, *, by: User) -> None:
    # The run itself only reads the round and writes runs, candidates and proposals;
    # confirming is written directly, as the service would introduce the teams by email.
    run = MatchRun.objects.create(
        programme=programme, started_by=by, weights=Weights().as_dict(), params={}
    )
    run = match_run_execute(run=run)
    if run.state != MatchRun.State.DONE:
        raise RuntimeError(f"The demo's match run failed: {run.error}")
    took = run.finished_at - run.started_at
    MatchRun.objects.filter(pk=run.pk).update(
        created_at=CALENDAR.matching_run,
        started_at=CALENDAR.matching_run,
        finished_at=CALENDAR.matching_run + took,
    )
    members_teams = set(
        Organisation.objects.filter(memberships__user__email=DEMO_MEMBER.email).values_list(
            "pk", flat=True
        )
    )
    best_of_challenge = {}
    to_confirm = []
    proposed = Match.objects.filter(run=run).select_related("solution").order_by("-score", "pk")
    for match in proposed:
        if match.challenge_id not in best_of_challenge:
            best_of_challenge[match.challenge_id] = match
            to_confirm.append(match)
        elif match.solution.organisation_id in members_teams:
            to_confirm.append(match)
    for number, match in enumerate(to_confirm):
        match.state = Match.State.CONFIRMED
        match.locked = True
        match.decided_by = by
        match.decided_at = CALENDAR.first_confirmation + timedelta(
            days=number // CONFIRMED_PER_DAY, hours=number % CONFIRMED_PER_DAY
        )
        match.save(update_fields=["state", "locked", "decided_by", "decided_at"])


def _summary(programme: Programme) -> str:
    matches = Match.objects.filter(programme=programme)
    confirmed = matches.filter(state=Match.State.CONFIRMED).count()
    return (
        f"Matching of {programme.name}: {programme.match_runs.count()} run, "
        f"{matches.count()} matches proposed, {confirmed} confirmed."
    )

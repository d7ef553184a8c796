"""Matching of the demo's previous round, incubator-2026: one real run of the engine
with the default weights, then the secretariat's confirmations of about half the
proposals (the best pair of each challenge, and the demo member's team's), made from
the round's first confirmation day on (its calendar is the round's, in solutions).

``confirmations.json``: how many pairs the secretariat confirmed a day."""

from datetime import timedelta

from django.db import transaction

from incubator.demo.data import demo_data
from incubator.demo.seed import DEMO_ACCOUNTS, DEMO_MEMBER
from incubator.models import Organisation, Programme, User
from matching.engine.model import Weights
from matching.models import Match, MatchRun
from matching.services import match_run_execute
from solutions.demo.seed import CALENDAR, PAST_PROGRAMME

SECRETARIAT = DEMO_ACCOUNTS[0].email


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
        created_at=CALENDAR["matching_run"],
        started_at=CALENDAR["matching_run"],
        finished_at=CALENDAR["matching_run"] + took,
    )
    per_day = demo_data(__name__, "confirmations")["confirmed_per_day"]
    for number, match in enumerate(_to_confirm(run)):
        match.state = Match.State.CONFIRMED
        match.locked = True
        match.decided_by = by
        match.decided_at = CALENDAR["first_confirmation"] + timedelta(
            days=number // per_day, hours=number % per_day
        )
        match.save(update_fields=["state", "locked", "decided_by", "decided_at"])


def _to_confirm(run: MatchRun) -> list[Match]:
    """The best proposal of each challenge, and every proposal of the member's team."""
    members_teams = set(
        Organisation.objects.filter(memberships__user__email=DEMO_MEMBER.email).values_list(
            "pk", flat=True
        )
    )
    best_of_challenge = set()
    to_confirm = []
    proposed = Match.objects.filter(run=run).select_related("solution").order_by("-score", "pk")
    for match in proposed:
        if match.challenge_id not in best_of_challenge:
            best_of_challenge.add(match.challenge_id)
            to_confirm.append(match)
        elif match.solution.organisation_id in members_teams:
            to_confirm.append(match)
    return to_confirm


def _summary(programme: Programme) -> str:
    matches = Match.objects.filter(programme=programme)
    confirmed = matches.filter(state=Match.State.CONFIRMED).count()
    return (
        f"Matching of {programme.name}: {programme.match_runs.count()} run, "
        f"{matches.count()} matches proposed, {confirmed} confirmed."
    )

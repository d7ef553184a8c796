"""Every write in matching: start a run, store what it found, and the secretariat's
decisions on pairs (lock, exclude, confirm, reject). Confirming introduces the teams."""

from dataclasses import replace
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.audience import Audience
from incubator.models import Programme, User
from incubator.services.audit import audit_record
from incubator.services.telling import team_tell
from matching.access import decisions_require
from matching.embeddings import portal_embedder
from matching.engine.components import shared_working_hours
from matching.engine.errors import EngineError
from matching.engine.model import Weights
from matching.engine.run import match
from matching.models import Candidate, Exclusion, Match, MatchRun
from matching.problem import build_problem
from matching.round_states import tallies_changed
from matching.selectors import active_runs, kept_pairs, run_params
from matching.signals import match_confirmed

RUN_STALE_AFTER = timedelta(minutes=30)


def _progress(run: MatchRun, percent: int, stage: str) -> None:
    # Written outside any transaction, so the run page sees it while the run goes on.
    MatchRun.objects.filter(pk=run.pk).update(progress=percent, stage=stage)


def match_run_execute(*, run: MatchRun) -> MatchRun:
    """Carry out a queued run: load the round, let the engine score and assign, store the
    candidates and replace the proposals that nobody locked or decided on."""
    claimed = MatchRun.objects.filter(pk=run.pk, state=MatchRun.State.QUEUED).update(
        state=MatchRun.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # another worker has it, or it already ran
        run.refresh_from_db()
        return run
    run.refresh_from_db()
    try:
        _progress(run, 10, "loading")
        problem, challenges, solutions = build_problem(run.programme)
        _progress(run, 30, "scoring")
        result = match(
            problem,
            weights=Weights(**run.weights).normalised(),
            params=replace(run_params(run.params), embedder=portal_embedder()),
        )
        _progress(run, 80, "storing")
        _store(run, result, challenges, solutions)
    except EngineError as error:
        MatchRun.objects.filter(pk=run.pk).update(
            state=MatchRun.State.FAILED, finished_at=timezone.now(), error=str(error)
        )
    run.refresh_from_db()
    return run


STORE_BATCH = 5000


@transaction.atomic
def _store(run: MatchRun, result, challenges: dict, solutions: dict) -> None:
    """Keep the run's candidates, replace the open proposals with its matches, and mark
    it done with its figures."""
    Candidate.objects.bulk_create(
        (
            Candidate(
                run=run,
                challenge_id=challenges[challenge_ref],
                solution_id=solutions[candidate.provider],
                score=candidate.score,
                rank=candidate.rank,
                components=dict(candidate.components),
            )
            for challenge_ref, ranked in result.rankings.items()
            for candidate in ranked
        ),
        batch_size=STORE_BATCH,
    )
    _matches_replace(run, result, challenges, solutions)
    MatchRun.objects.filter(pk=run.pk).update(
        state=MatchRun.State.DONE,
        finished_at=timezone.now(),
        progress=100,
        stage="done",
        figures=_figures(result.figures),
        warnings=[notice.text() for notice in result.warnings],
    )


def _matches_replace(run: MatchRun, result, challenges: dict, solutions: dict) -> None:
    """Open proposals nobody locked or decided on go; each match the run found becomes
    one, or updates the explanation of a pair that was kept."""
    kept = kept_pairs(run.programme)
    tallies_changed(programme_id=run.programme_id)
    Match.objects.filter(programme=run.programme, state=Match.State.PROPOSED, locked=False).delete()
    for found in result.matches:
        challenge_id, solution_id = challenges[found.challenge], solutions[found.provider]
        explained = _explained(run, found)
        if (challenge_id, solution_id) in kept:
            Match.objects.filter(challenge_id=challenge_id, solution_id=solution_id).update(
                **explained
            )
        else:
            Match.objects.create(
                programme=run.programme,
                challenge_id=challenge_id,
                solution_id=solution_id,
                **explained,
            )


def _explained(run: MatchRun, found) -> dict:
    """A match's score and explanation as the Match row stores them."""
    return {
        "run": run,
        "score": found.score,
        "rank": found.rank,
        "components": dict(found.components),
        "reasons": [{"code": r.code, "data": dict(r.data)} for r in found.reasons],
        "alternates": [
            {
                "solution": int(a.provider),
                "score": a.score,
                "rank": a.rank,
                "decided_by": a.decided_by,
            }
            for a in found.alternates
        ],
        "passed_over": [
            {
                "solution": int(p.provider),
                "score": p.score,
                "code": p.code,
                "went_to": [int(w.challenge) for w in p.went_to],
                "decided_by": p.decided_by,
            }
            for p in found.passed_over
        ],
    }


def _figures(figures) -> dict:
    return {
        "challenges": figures.challenges,
        "providers": figures.providers,
        "candidates": figures.candidate_edges,
        "matches": figures.matches,
        "locked": figures.locked_matches,
        "slots_wanted": figures.slots_wanted,
        "unfilled_slots": figures.unfilled_slots,
        "total_score": round(figures.total_score, 4),
        "eligible_pairs": figures.eligible_pairs,
        "pricing_rounds": figures.pricing_rounds,
        "largest_reduced_cost": figures.largest_reduced_cost,
        "seconds": {k: round(v, 3) for k, v in figures.timings.items()},
    }


@transaction.atomic
def match_run_start(*, programme: Programme, by: User, weights: dict, params: dict) -> MatchRun:
    """Queue a run; the worker carries it out after commit. One run at a time per
    programme, so two runs never write proposals over each other."""
    from matching.tasks import execute_match_run

    decisions_require(by=by)
    Programme.objects.select_for_update().get(pk=programme.pk)
    active = active_runs(programme)
    # A run whose worker died never finishes; after a while it must not block new runs.
    active.filter(created_at__lt=timezone.now() - RUN_STALE_AFTER).update(
        state=MatchRun.State.FAILED,
        finished_at=timezone.now(),
        error=_("The run stopped before it finished. Start it again."),
    )
    if active.exists():
        raise ValidationError(_("A run is already in progress for this programme."))
    run = MatchRun.objects.create(
        programme=programme, started_by=by, weights=weights, params=params
    )
    audit_record(actor=by, action="match_run.started", target=run, details={"weights": weights})
    transaction.on_commit(lambda: execute_match_run.delay(run.pk), robust=True)
    return run


@transaction.atomic
def match_lock(*, match: Match, by: User, locked: bool = True) -> Match:
    """A locked pair is kept by every later run."""
    decisions_require(by=by)
    if match.state == Match.State.REJECTED:
        raise ValidationError(_("A rejected pair cannot be locked."))
    match.locked = locked
    match.save(update_fields=["locked"])
    audit_record(actor=by, action="match.locked" if locked else "match.unlocked", target=match)
    return match


@transaction.atomic
def pair_exclude(*, match: Match, by: User, reason: str = "") -> Exclusion:
    """Rule the pair out: no run will propose it again; its proposal goes."""
    decisions_require(by=by)
    if match.state == Match.State.CONFIRMED:
        raise ValidationError(_("This pair is confirmed and the teams have been introduced."))
    exclusion, _created = Exclusion.objects.get_or_create(
        challenge=match.challenge,
        solution=match.solution,
        defaults={"programme": match.programme, "created_by": by, "reason": reason},
    )
    audit_record(
        actor=by, action="match.excluded", target=match.challenge, details={"reason": reason}
    )
    match.delete()
    tallies_changed(programme_id=match.programme_id)
    return exclusion


@transaction.atomic
def match_reject(*, match: Match, by: User) -> Match:
    decisions_require(by=by)
    if match.state == Match.State.CONFIRMED:
        raise ValidationError(_("This pair is confirmed and the teams have been introduced."))
    match.state = Match.State.REJECTED
    match.locked = False
    match.decided_by, match.decided_at = by, timezone.now()
    match.save(update_fields=["state", "locked", "decided_by", "decided_at"])
    audit_record(actor=by, action="match.rejected", target=match)
    tallies_changed(programme_id=match.programme_id)
    return match


@transaction.atomic
def match_confirm(*, match: Match, by: User, told: Audience | None = None) -> Match:
    """Confirm the pair and introduce each team to the other, once; the people
    introduced are added to ``told``."""
    decisions_require(by=by)
    match = (
        Match.objects.select_for_update()
        .select_related("challenge__organisation", "solution__organisation")
        .get(pk=match.pk)
    )
    if match.state == Match.State.CONFIRMED:
        return match
    if match.state == Match.State.REJECTED:
        raise ValidationError(_("A rejected pair cannot be confirmed."))
    match.state = Match.State.CONFIRMED
    match.locked = True
    match.decided_by, match.decided_at = by, timezone.now()
    match.save(update_fields=["state", "locked", "decided_by", "decided_at"])
    audit_record(actor=by, action="match.confirmed", target=match)
    tallies_changed(programme_id=match.programme_id)
    _introduce(match, told)
    match_confirmed.send(sender=Match, match=match, by=by)
    return match


def _introduce(match: Match, told: Audience | None) -> None:
    challenge, solution = match.challenge, match.solution
    hours = round(
        shared_working_hours(
            challenge.organisation.time_zone,
            solution.time_zone or solution.organisation.time_zone,
        )
    )
    sides = (
        (challenge.organisation, solution.organisation, solution, "provider"),
        (solution.organisation, challenge.organisation, challenge, "owner"),
    )
    for team, other_team, other, other_role in sides:
        team_tell(
            team=team,
            key=f"match-introduction:{match.pk}",
            template="match_introduction",
            context={
                "match": match,
                "challenge": challenge,
                "solution": solution,
                "other_team": other_team,
                "other_role": other_role,
                "contacts": list(other.contacts.all()),
                "languages": other.languages,
                "shared_languages": sorted(set(challenge.languages) & set(solution.languages)),
                "hours": hours,
            },
            told=told,
        )

"""The allow-list: for each kind of public record, the fields anyone may read, each with
the way to read it. A record is built from these getters alone, so a field that is not
named here (an email, a score, a screening note, a draft's text) cannot leave the portal
through the library or the API."""

from collections.abc import Callable
from typing import Any

from incubation.models import Incubation, IncubationState

Getter = Callable[[Any], Any]


def _team(organisation) -> dict:
    return {
        "name": organisation.name,
        "country": str(organisation.country),
        "level": organisation.level,
    }


def _themes(themes) -> list[str]:
    return [theme.slug for theme in themes.all()]


def _incubation(challenge):
    try:
        return challenge.incubation
    except Incubation.DoesNotExist:
        return None


def _outcome(match) -> str:
    """What came of a match, in one word: matched, incubating or completed."""
    incubation = _incubation(match.challenge)
    if incubation is None:
        return "matched"
    return "completed" if incubation.state == IncubationState.CLOSED else "incubating"


def _advice(match) -> list[dict]:
    incubation = _incubation(match.challenge)
    if incubation is None:
        return []
    sides = {match.challenge.organisation_id, match.solution.organisation_id}
    return [
        record("outcome", report)
        for report in incubation.closing_reports.all()
        if report.team.organisation_id in sides
    ]


FIELDS: dict[str, dict[str, Getter]] = {
    "theme": {
        "slug": lambda t: t.slug,
        "name": lambda t: t.name,
        "name_fr": lambda t: t.name_fr,
        "description": lambda t: t.description,
        "description_fr": lambda t: t.description_fr,
    },
    "programme": {
        "slug": lambda p: p.slug,
        "name": lambda p: p.name,
        "name_fr": lambda p: p.name_fr,
        "description": lambda p: p.description,
        "description_fr": lambda p: p.description_fr,
        "licence": lambda p: p.data_licence,
    },
    "call": {
        "id": lambda c: c.pk,
        "programme": lambda c: c.programme.slug,
        "kind": lambda c: c.kind,
        "title": lambda c: c.title,
        "title_fr": lambda c: c.title_fr,
        "introduction": lambda c: c.introduction,
        "introduction_fr": lambda c: c.introduction_fr,
        "opens_at": lambda c: c.opens_at,
        "closes_at": lambda c: c.closes_at,
        "deadline_time_zone": lambda c: c.deadline_time_zone,
    },
    "challenge": {
        "id": lambda c: c.pk,
        "programme": lambda c: c.call.programme.slug,
        "call": lambda c: c.call_id,
        "team": lambda c: _team(c.organisation),
        "title": lambda c: c.title,
        "summary": lambda c: c.summary,
        "problem_statement": lambda c: c.problem_statement,
        "context": lambda c: c.context,
        "tried": lambda c: c.tried,
        "expertise_sought": lambda c: c.expertise_sought,
        "hoped_outcome": lambda c: c.hoped_outcome,
        "lifecycle_stage": lambda c: c.lifecycle_stage,
        "sector": lambda c: c.sector,
        "themes": lambda c: _themes(c.themes),
        "languages": lambda c: list(c.languages),
        "written_in": lambda c: c.written_in,
        "published_at": lambda c: c.published_at,
    },
    "solution": {
        "id": lambda s: s.pk,
        "programme": lambda s: s.call.programme.slug,
        "call": lambda s: s.call_id,
        "team": lambda s: _team(s.organisation),
        "title": lambda s: s.title,
        "summary": lambda s: s.summary,
        "comparable_problem": lambda s: s.comparable_problem,
        "what_they_did": lambda s: s.what_they_did,
        "evidence": lambda s: s.evidence,
        "lessons": lambda s: s.lessons,
        "can_share": lambda s: list(s.can_share),
        "themes": lambda s: _themes(s.themes),
        "languages": lambda s: list(s.languages),
        "written_in": lambda s: s.written_in,
        "selected_at": lambda s: s.decided_at,
    },
    "outcome": {
        "team": lambda r: _team(r.team.organisation),
        "advice": lambda r: r.advice,
        "written_in": lambda r: r.written_in,
    },
    "match": {
        "id": lambda m: m.pk,
        "programme": lambda m: m.programme.slug,
        "challenge": lambda m: m.challenge_id,
        "challenge_title": lambda m: m.challenge.title,
        "challenge_summary": lambda m: m.challenge.summary,
        "challenge_team": lambda m: _team(m.challenge.organisation),
        "solution": lambda m: m.solution_id,
        "solution_title": lambda m: m.solution.title,
        "solution_summary": lambda m: m.solution.summary,
        "solution_team": lambda m: _team(m.solution.organisation),
        "themes": lambda m: _themes(m.challenge.themes),
        "lifecycle_stage": lambda m: m.challenge.lifecycle_stage,
        "confirmed_at": lambda m: m.decided_at,
        "outcome": _outcome,
        "advice": _advice,
    },
    "story": {
        "id": lambda s: s.pk,
        "programme": lambda s: s.match.programme.slug,
        "match": lambda s: s.match_id,
        "team": lambda s: _team(s.organisation),
        "title": lambda s: s.title,
        "expectations": lambda s: s.expectations,
        "learned": lambda s: s.learned,
        "pain_points": lambda s: s.pain_points,
        "themes": lambda s: _themes(s.match.challenge.themes),
        "written_in": lambda s: s.written_in,
        "published_at": lambda s: s.decided_at,
    },
}
TEAM_FIELDS = ("name", "country", "level")


def record(kind: str, obj) -> dict:
    """The public fields of one record of this kind, and nothing else."""
    return {name: get(obj) for name, get in FIELDS[kind].items()}

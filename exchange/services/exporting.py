"""A programme's round as an exchange file: every challenge and proposal but drafts,
their teams and themes, sorted so that the same round always gives the same file."""

import re
from datetime import UTC, datetime

from challenges.models import Challenge
from exchange import refs
from exchange.incubations import incubations_export
from exchange.schema import FORMAT
from exchange.selectors import (
    exported_challenges,
    exported_solutions,
    exported_themes,
    interests_of,
    organisation_refs_taken,
    stored_refs,
    theme_names_in_french,
)
from incubator.models import Organisation, Programme
from solutions.models import Solution

_DIGITS = re.compile(r"([0-9]+)")


def programme_export(*, programme: Programme) -> dict:
    """The programme's round as an exchange file, ready for ``json.dumps``."""
    challenges = list(exported_challenges(programme))
    solutions = list(exported_solutions(programme))
    challenge_refs = _submission_refs(
        challenges, refs.challenge_ref, stored_refs(Challenge, programme)
    )
    solution_refs = _submission_refs(solutions, refs.solution_ref, stored_refs(Solution, programme))
    teams = {row.organisation_id: row.organisation for row in [*challenges, *solutions]}
    team_refs = _team_refs(teams)
    challenge_themes = exported_themes(Challenge, programme)
    solution_themes = exported_themes(Solution, programme)
    interests = interests_of(programme, exclude_drafts=True)
    incubations = incubations_export(
        programme=programme, challenge_refs=challenge_refs, solution_refs=solution_refs
    )
    return {
        "format": FORMAT,
        "programme": _named({"slug": programme.slug, "name": programme.name}, programme.name_fr),
        "themes": _themes(challenge_themes, solution_themes),
        "organisations": sorted(
            (_organisation(team, team_refs[pk]) for pk, team in teams.items()), key=_by_ref
        ),
        "challenges": sorted(
            (
                _challenge(
                    row, ref=challenge_refs[row.pk], team_refs=team_refs, themes=challenge_themes
                )
                for row in challenges
            ),
            key=_by_ref,
        ),
        "solutions": sorted(
            (
                _solution(
                    row,
                    ref=solution_refs[row.pk],
                    team_refs=team_refs,
                    themes=solution_themes,
                    interested_in=[
                        challenge_refs[pk]
                        for pk in interests.get(row.pk, [])
                        if pk in challenge_refs
                    ],
                )
                for row in solutions
            ),
            key=_by_ref,
        ),
        **incubations,
    }


def _themes(*themes_by_record: dict[int, list[tuple[str, str]]]) -> list[dict]:
    """Every theme the exported records name, by slug, with its French name if written."""
    names = dict(pair for themes in themes_by_record for pairs in themes.values() for pair in pairs)
    french = theme_names_in_french(slugs=set(names))
    return [_named({"slug": slug, "name": names[slug]}, french.get(slug)) for slug in sorted(names)]


def _named(item: dict, name_fr: str) -> dict:
    return {**item, "name_fr": name_fr} if name_fr else item


def _organisation(team: Organisation, ref: str) -> dict:
    return {
        "ref": ref,
        "name": team.name,
        "country": team.country.code,
        "level": team.level,
        "languages": list(team.languages),
        "timezone": team.time_zone,
    }


def _challenge(row: Challenge, *, ref: str, team_refs: dict, themes: dict) -> dict:
    return _dated(
        row,
        {
            **_submission(row, ref, team_refs, themes, description=row.problem_statement),
            "providers_wanted": row.providers_wanted,
        },
    )


def _solution(
    row: Solution, *, ref: str, team_refs: dict, themes: dict, interested_in: list[str]
) -> dict:
    return _dated(
        row,
        {
            **_submission(row, ref, team_refs, themes, description=row.what_they_did),
            "interested_in": interested_in,
            "capacity": row.capacity,
        },
    )


def _submission(row, ref: str, team_refs: dict, themes: dict, *, description: str) -> dict:
    """The fields a challenge and a proposal share, in the order the spec lists them."""
    return {
        "ref": ref,
        "organisation": team_refs[row.organisation_id],
        "title": row.title,
        "summary": row.summary,
        "description": description,
        "themes": sorted(slug for slug, _name in themes.get(row.pk, [])),
    }


def _dated(row, item: dict) -> dict:
    item["status"] = row.status
    if row.submitted_at is not None:
        item["submitted_at"] = _moment(row.submitted_at)
    return item


def _ref_order(ref: str) -> tuple:
    """Sorts ch-2 before ch-10: the numbers within refs compare as numbers."""
    return tuple(int(part) if index % 2 else part for index, part in enumerate(_DIGITS.split(ref)))


def _by_ref(item: dict) -> tuple:
    return _ref_order(item["ref"])


def _moment(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _submission_refs(rows, generated_ref, taken: set[str]) -> dict[int, str]:
    return {row.pk: row.exchange_ref or refs.free(generated_ref(row.pk), taken) for row in rows}


def _team_refs(teams: dict[int, Organisation]) -> dict[int, str]:
    """Each team's ref: its own, or a generated one that no other team holds."""
    named = {pk: team.exchange_ref for pk, team in teams.items() if team.exchange_ref}
    pending = {pk: refs.organisation_ref(team) for pk, team in teams.items() if pk not in named}
    while pending:
        taken = organisation_refs_taken(set(pending.values()))
        named.update((pk, ref) for pk, ref in pending.items() if ref not in taken)
        pending = {pk: ref + refs.PORTAL_SUFFIX for pk, ref in pending.items() if ref in taken}
    return named

"""Checking the challenges and solution proposals of a file, which share most fields."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from challenges.models import Challenge
from exchange.schema.checks import Unique, json_path, max_length, quoted, records_of
from exchange.schema.records import (
    CAPACITY,
    CHALLENGE_FIELDS,
    PROVIDERS_WANTED,
    SOLUTION_FIELDS,
    ChallengeRecord,
    SolutionRecord,
)
from solutions.models import Solution

UNKNOWN_THEME = gettext_noop("%(value)s is not a theme of this file or of the portal")
UNKNOWN_CHALLENGE = gettext_noop("%(value)s is not a challenge of this file or of the programme")


def _submission_fields(check, record, path, *, model, description, themes, organisations):
    return {
        "ref": check.ref(record, "ref", path),
        "organisation": _organisation_ref(check, record, path, organisations),
        "title": check.text(record, "title", path, limit=max_length(model, "title"), blank=False),
        "summary": check.text(
            record, "summary", path, limit=max_length(model, "summary"), blank=True
        ),
        "description": check.text(
            record, "description", path, limit=max_length(model, description), blank=True
        ),
        "themes": check.references(
            record,
            "themes",
            path,
            known=themes,
            unknown=UNKNOWN_THEME,
        ),
        "status": check.status(record, path),
        "submitted_at": check.moment(record, path),
    }


def _organisation_ref(check, record, path, organisations) -> str | None:
    ref = check.ref(record, "organisation", path)
    if ref is not None and ref not in organisations:
        check.error(
            json_path(path, "organisation"),
            _("%(value)s is not an organisation of this file or of the portal")
            % {"value": quoted(ref)},
        )
    return ref


def challenge_records(check, data, *, themes, organisations) -> list[ChallengeRecord]:
    challenges, unique = [], Unique(check)
    for path, record in records_of(check, data, "challenges", CHALLENGE_FIELDS):
        fields = _submission_fields(
            check,
            record,
            path,
            model=Challenge,
            description="problem_statement",
            themes=themes,
            organisations=organisations,
        )
        providers_wanted = check.integer(record, "providers_wanted", path, bounds=PROVIDERS_WANTED)
        if unique.add(fields["ref"], path, "ref"):
            challenges.append(ChallengeRecord(**fields, providers_wanted=providers_wanted))
    return challenges


def solution_records(check, data, *, themes, organisations, challenges) -> list[SolutionRecord]:
    solutions, unique = [], Unique(check)
    for path, record in records_of(check, data, "solutions", SOLUTION_FIELDS):
        fields = _submission_fields(
            check,
            record,
            path,
            model=Solution,
            description="what_they_did",
            themes=themes,
            organisations=organisations,
        )
        interested_in = check.references(
            record,
            "interested_in",
            path,
            known=challenges,
            unknown=UNKNOWN_CHALLENGE,
            required=False,
        )
        capacity = check.integer(record, "capacity", path, bounds=CAPACITY)
        if unique.add(fields["ref"], path, "ref"):
            solutions.append(
                SolutionRecord(**fields, interested_in=interested_in, capacity=capacity)
            )
    return solutions

"""Incubations in the exchange format (docs/exchange-format.md): the export of a
round carries each incubation with its teams, milestones and meetings, so a round can be
archived whole; the import brings them back. Messages, check-ins and closing reports are
the teams' own and stay in the portal.

Like the rest of an import, this loads data and decides nothing: states are set as the
file says, nobody is emailed, and the one audit entry of the import counts them. It
runs inside the import's transaction, after the challenges and proposals are in: a ref
that names none of them rejects the whole file."""

from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.models import Challenge
from exchange import refs
from exchange.schema import ExchangeError
from exchange.schema.checks import quoted
from exchange.schema.incubations import IncubationRecord
from exchange.services.syncing import assign
from incubation.models import Incubation, IncubationTeam, Meeting, Milestone, TeamRole
from incubator.models import Programme
from solutions.models import Solution


def _moment(moment) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _milestone_ref(milestone: Milestone) -> str:
    return milestone.exchange_ref or f"ms-{milestone.pk}"


# Export -----------------------------------------------------------------------------------


def incubations_export(
    *, programme: Programme, challenge_refs: dict[int, str], solution_refs: dict[int, str]
) -> dict:
    """``{"incubations": [...]}``, or nothing when the programme has none, so the export
    of a round without incubations stays what it was."""
    incubations = (
        Incubation.objects.filter(programme=programme, challenge_id__in=challenge_refs)
        .prefetch_related("teams", "milestones", "meetings")
        .order_by("challenge_id")
    )
    items = [_exported(item, challenge_refs, solution_refs) for item in incubations]
    return {"incubations": items} if items else {}


def _exported(incubation: Incubation, challenge_refs, solution_refs) -> dict:
    """The incubation as the file writes it. A provider team whose proposal is not
    exported (a draft) has no ref the file could name it by: it is left out, with its
    milestones, so that the file imports again and gives the same export."""
    named = {}  # the ref of each team the file carries, by team pk
    for team in sorted(incubation.teams.all(), key=lambda team: (team.role, team.pk)):
        if team.role == TeamRole.OWNER:
            named[team.pk] = challenge_refs[incubation.challenge_id]
        elif team.solution_id in solution_refs:
            named[team.pk] = solution_refs[team.solution_id]
    teams = {team.pk: team for team in incubation.teams.all()}
    milestones = sorted(incubation.milestones.all(), key=lambda m: (m.due_on, m.pk))
    return {
        "challenge": challenge_refs[incubation.challenge_id],
        "state": incubation.state,
        "goal": incubation.goal,
        "deliverables": incubation.deliverables,
        "teams": [_team_exported(teams[pk], ref) for pk, ref in named.items()],
        "milestones": [
            _milestone_exported(milestone, named[milestone.team_id])
            for milestone in milestones
            if milestone.team_id in named
        ],
        "meetings": [
            _meeting_exported(meeting)
            for meeting in sorted(incubation.meetings.all(), key=lambda m: (m.created_at, m.pk))
        ],
    }


def _team_exported(team: IncubationTeam, ref: str) -> dict:
    return {
        "submission": ref,
        "brings": team.brings,
        "working_days": sorted(team.weekdays),
        "working_hours": [f"{team.day_starts:%H:%M}", f"{team.day_ends:%H:%M}"],
    }


def _milestone_exported(milestone: Milestone, team_ref: str) -> dict:
    return {
        "ref": _milestone_ref(milestone),
        "team": team_ref,
        "title": milestone.title,
        "details": milestone.details,
        "due_on": milestone.due_on.isoformat(),
        "state": milestone.state,
        "done_at": _moment(milestone.done_at),
        "note": milestone.done_note,
        "link": milestone.done_link,
    }


def _meeting_exported(meeting: Meeting) -> dict:
    return {
        "uid": meeting.uid,
        "title": meeting.title,
        "agenda": meeting.agenda,
        "duration_minutes": meeting.duration_minutes,
        "time_zone": meeting.time_zone,
        "state": meeting.state,
        "starts_at": _moment(meeting.starts_at),
        "ends_at": _moment(meeting.ends_at),
        "sequence": meeting.sequence,
        "joining_link": meeting.joining_link,
    }


# Import -----------------------------------------------------------------------------------


def incubations_lines(counts: dict | None) -> list[str]:
    """What the import says of the incubations, when the file carried some, in the words
    it uses for the rest of the round."""
    if counts is None:
        return []
    return [
        _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
        % {"kind": _("Incubations"), **counts}
    ]


class _Refs:
    """The programme's challenges or proposals by the refs a file may name them by: their
    own, or the generated one of a record that has none (exchange.refs)."""

    def __init__(self, rows, generated_ref):
        self.named = {row.exchange_ref: row for row in rows if row.exchange_ref}
        self.unnamed = {row.pk: row for row in rows if not row.exchange_ref}
        self.generated_ref = generated_ref

    def get(self, ref: str):
        if ref in self.named:
            return self.named[ref]
        name = refs.generated(ref)
        if name and name[0] == self.generated_ref(name[1]):
            return self.unnamed.get(name[1])
        return None


def incubations_import(*, records: list[IncubationRecord], programme: Programme) -> dict | None:
    """Bring the file's incubations in, writing only what differs; how many were created,
    updated and left unchanged (None when the file carries none)."""
    if not records:
        return None
    challenges = _Refs(
        Challenge.objects.filter(call__programme=programme).select_related("organisation"),
        refs.challenge_ref,
    )
    solutions = _Refs(
        Solution.objects.filter(call__programme=programme).select_related("organisation"),
        refs.solution_ref,
    )
    errors, counts = [], {"created": 0, "updated": 0, "unchanged": 0}
    for record in records:
        challenge = challenges.get(record.challenge)
        if challenge is None:
            errors.append(
                _("%(path)s.challenge: %(ref)s is not a challenge of this file or of the programme")
                % {"path": record.path, "ref": quoted(record.challenge)}
            )
            continue
        outcome = _incubation(record, challenge, (challenges, solutions), programme, errors)
        counts[outcome] += 1
    if errors:
        raise ExchangeError(errors)
    return counts


def _incubation(record, challenge, submissions, programme, errors) -> str:
    """ "created", "updated" or "unchanged": the incubation with its teams, milestones
    and meetings, each saved only when the file differs from it."""
    incubation, created = Incubation.objects.get_or_create(
        challenge=challenge,
        defaults={"programme": programme, "last_activity_at": timezone.now()},
    )
    changed = assign(
        row=incubation,
        values={"state": record.state, "goal": record.goal, "deliverables": record.deliverables},
    )
    if changed:
        incubation.save(update_fields=["state", "goal", "deliverables"])
    teams = {}
    for index, team in enumerate(record.teams):
        where = f"{record.path}.teams[{index}].submission"
        found = _team(incubation, challenge, team, submissions, where, errors)
        if found is not None:
            teams[team.submission], team_changed = found
            changed |= team_changed
    for index, milestone in enumerate(record.milestones):
        team = teams.get(milestone.team)
        if team is None:
            errors.append(
                _("%(path)s.milestones[%(index)d].team: %(ref)s is not a team of this incubation")
                % {"path": record.path, "index": index, "ref": quoted(milestone.team)}
            )
            continue
        changed |= _milestone(incubation, team, milestone)
    for index, meeting in enumerate(record.meetings):
        changed |= _meeting(incubation, meeting, f"{record.path}.meetings[{index}].uid", errors)
    return "created" if created else "updated" if changed else "unchanged"


def _team(incubation, challenge, record, submissions, where, errors):
    """(the team, whether it was written), or None when the ref names no team."""
    challenges, solutions = submissions
    if challenges.get(record.submission) == challenge:
        organisation, role, solution = challenge.organisation, TeamRole.OWNER, None
    else:
        solution = solutions.get(record.submission)
        if solution is None:
            errors.append(
                _("%(path)s: %(ref)s is not the challenge or a proposal of the programme")
                % {"path": where, "ref": quoted(record.submission)}
            )
            return None
        organisation, role = solution.organisation, TeamRole.PROVIDER
    team, created = IncubationTeam.objects.get_or_create(
        incubation=incubation,
        organisation=organisation,
        defaults={"role": role, "solution": solution},
    )
    values = {
        "brings": record.brings,
        "weekdays": list(record.weekdays),
        "day_starts": record.day_starts,
        "day_ends": record.day_ends,
    }
    if not assign(row=team, values=values):
        return team, created
    team.save(update_fields=list(values))
    return team, True


def _milestone(incubation, team, record) -> bool:
    """Whether the milestone was written."""
    milestone = Milestone.objects.filter(incubation=incubation, exchange_ref=record.ref).first()
    name = refs.generated(record.ref)
    if milestone is None and name and name[0] == f"ms-{name[1]}":
        milestone = Milestone.objects.filter(
            incubation=incubation, pk=name[1], exchange_ref=""
        ).first()
    milestone = milestone or Milestone(incubation=incubation)
    values = {
        "exchange_ref": record.ref if milestone.pk is None or milestone.exchange_ref else "",
        "team_id": team.pk,
        "title": record.title,
        "details": record.details,
        "due_on": record.due_on,
        "state": record.state,
        "done_at": record.done_at,
        "done_note": record.note,
        "done_link": record.link,
    }
    if not assign(row=milestone, values=values) and milestone.pk is not None:
        return False
    milestone.save()
    return True


MEETING_FIELDS = (
    *("title", "agenda", "duration_minutes", "time_zone", "state", "sequence"),
    *("starts_at", "ends_at", "joining_link"),
)


def _meeting(incubation, record, where, errors) -> bool:
    """Whether the meeting was written."""
    meeting = Meeting.objects.filter(uid=record.uid).first()
    if meeting is not None and meeting.incubation_id != incubation.pk:
        errors.append(
            _("%(path)s: %(uid)s is a meeting of another incubation")
            % {"path": where, "uid": quoted(record.uid)}
        )
        return False
    meeting = meeting or Meeting(incubation=incubation, uid=record.uid)
    values = {name: getattr(record, name) for name in MEETING_FIELDS}
    if not assign(row=meeting, values=values) and meeting.pk is not None:
        return False
    meeting.save()
    return True

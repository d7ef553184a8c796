"""The joint work plan: its goal, what each team brings, the deliverables and the
milestones. Any member changes it; each change is recorded (the plan's history reads the
audit trail), raises the plan's version, and asks the other teams to agree again."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_member, require_team
from incubation.models import Incubation, IncubationTeam, Milestone, MilestoneState
from incubation.selectors.people import people_of, teams_without_members
from incubation.selectors.workspace import teams_of
from incubation.services.common import others, tell, touch
from incubation.uploads import checked_upload
from incubator.audience import Audience
from incubator.models import User
from incubator.services.audit import audit_record

PLAN_TEXTS = ("goal", "deliverables")
# What a member may set a milestone to; done has its own action, with a note.
SETTABLE_STATES = (MilestoneState.PLANNED, MilestoneState.IN_PROGRESS, MilestoneState.DROPPED)


def _new_version(
    incubation: Incubation, *, by: User, mine: frozenset[int], now, told: Audience | None = None
) -> None:
    """The plan changed: the changing member's team agrees to the new version, the
    others are asked to read it again."""
    Incubation.objects.filter(pk=incubation.pk).update(plan_version=incubation.plan_version + 1)
    incubation.plan_version += 1
    IncubationTeam.objects.filter(pk__in=mine).update(agreed_plan_version=incubation.plan_version)
    tell(
        people=others(people=people_of(incubation), besides=by),
        untold_teams=teams_without_members(incubation),
        key=f"plan-changed:{incubation.pk}:{incubation.plan_version}",
        template="plan_changed",
        context={"incubation": incubation, "by": by},
        told=told,
    )
    touch(incubation=incubation, now=now)


@transaction.atomic
def plan_update(
    *,
    incubation: Incubation,
    by: User,
    goal: str,
    deliverables: str,
    brings: dict[int, str],
    told: Audience | None = None,
) -> list[str]:
    """Change the plan's texts; ``brings`` maps each team (its id) to what it brings.
    Returns the names of what changed (nothing is recorded when nothing did)."""
    mine = require_member(by, incubation)
    incubation = Incubation.objects.select_for_update().get(pk=incubation.pk)
    changed = []
    for name, value in (("goal", goal), ("deliverables", deliverables)):
        if getattr(incubation, name) != value.strip():
            setattr(incubation, name, value.strip())
            changed.append(name)
    incubation.full_clean(exclude=["challenge", "programme", "mentor"])
    teams = [team for team in teams_of(incubation) if team.pk in brings]
    for team in teams:
        if team.brings != brings[team.pk].strip():
            team.brings = brings[team.pk].strip()
            team.full_clean(exclude=["incubation", "organisation", "solution"])
            team.save(update_fields=["brings"])
            changed.append(f"brings:{team.pk}")
    if not changed:
        return []
    incubation.save(update_fields=list(PLAN_TEXTS))
    audit_record(
        actor=by,
        action="plan.changed",
        target=incubation,
        details={
            "fields": [name for name in changed if name in PLAN_TEXTS],
            "teams": [team.organisation.name for team in teams if f"brings:{team.pk}" in changed],
            "version": incubation.plan_version + 1,
        },
    )
    _new_version(incubation, by=by, mine=mine, now=timezone.now(), told=told)
    return changed


@transaction.atomic
def plan_agree(*, incubation: Incubation, team: IncubationTeam, by: User) -> IncubationTeam:
    """The team agrees to the plan as it stands now."""
    require_team(by, team)
    incubation = Incubation.objects.select_for_update().get(pk=incubation.pk)
    if team.agreed_plan_version == incubation.plan_version:
        return team
    team.agreed_plan_version = incubation.plan_version
    team.save(update_fields=["agreed_plan_version"])
    audit_record(
        actor=by,
        action="plan.agreed",
        target=incubation,
        details={"team": team.organisation.name, "version": incubation.plan_version},
    )
    touch(incubation=incubation, now=timezone.now())
    return team


# Milestones -------------------------------------------------------------------------------


def _check_due(due_on: date, team: IncubationTeam, *, now: datetime) -> None:
    today = now.astimezone(ZoneInfo(team.organisation.time_zone)).date()
    if due_on < today:
        raise ValidationError({"due_on": _("That day has passed. Choose today or a later day.")})
    if due_on.year > today.year + 3:
        raise ValidationError({"due_on": _("Choose a day within the next three years.")})


def _check_team(incubation: Incubation, team: IncubationTeam) -> None:
    if team.incubation_id != incubation.pk:
        raise ValidationError({"team": _("Choose one of the teams of this incubation.")})


@transaction.atomic
def milestone_add(
    *,
    incubation: Incubation,
    by: User,
    team: IncubationTeam,
    title: str,
    due_on: date,
    details: str = "",
    now: datetime | None = None,
) -> Milestone:
    mine = require_member(by, incubation)
    now = now or timezone.now()
    incubation = Incubation.objects.select_for_update().get(pk=incubation.pk)
    _check_team(incubation, team)
    _check_due(due_on, team, now=now)
    milestone = Milestone(
        incubation=incubation,
        team=team,
        title=title.strip(),
        details=details.strip(),
        due_on=due_on,
        created_by=by,
    )
    milestone.full_clean()
    milestone.save()
    audit_record(
        actor=by,
        action="milestone.added",
        target=incubation,
        details={
            "milestone": milestone.pk,
            "title": milestone.title,
            "version": incubation.plan_version + 1,
        },
    )
    _new_version(incubation, by=by, mine=mine, now=now)
    return milestone


@transaction.atomic
def milestone_change(
    *,
    milestone: Milestone,
    by: User,
    team: IncubationTeam,
    title: str,
    due_on: date,
    state: str,
    details: str = "",
    now: datetime | None = None,
) -> Milestone:
    """Change what a milestone is, who owns it, when it is due, or set it planned, in
    progress or dropped."""
    mine = require_member(by, milestone.incubation)
    now = now or timezone.now()
    incubation = Incubation.objects.select_for_update().get(pk=milestone.incubation_id)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    _check_team(incubation, team)
    if milestone.state == MilestoneState.DONE:
        raise ValidationError(_("This milestone is done; it can no longer be changed."))
    if state not in SETTABLE_STATES:
        raise ValidationError({"state": _("Choose planned, in progress or dropped.")})
    if due_on != milestone.due_on:
        _check_due(due_on, team, now=now)
    milestone.team, milestone.title, milestone.details = team, title.strip(), details.strip()
    milestone.due_on, milestone.state = due_on, state
    milestone.full_clean()
    milestone.save()
    audit_record(
        actor=by,
        action="milestone.changed",
        target=incubation,
        details={"milestone": milestone.pk, "title": milestone.title, "state": state},
    )
    _new_version(incubation, by=by, mine=mine, now=now)
    return milestone


@transaction.atomic
def milestone_complete(
    *,
    milestone: Milestone,
    by: User,
    note: str,
    link: str = "",
    upload=None,
    now=None,
    told: Audience | None = None,
) -> Milestone:
    """Done, with a note saying what was done and, if wanted, a link or a file to show it."""
    require_member(by, milestone.incubation)
    now = now or timezone.now()
    milestone = (
        Milestone.objects.select_for_update().select_related("incubation").get(pk=milestone.pk)
    )
    if not milestone.is_open:
        raise ValidationError(_("Only a planned milestone or one in progress can be marked done."))
    if not note.strip():
        raise ValidationError({"note": _("Say in a few words what was done.")})
    milestone.state, milestone.done_note, milestone.done_link = (
        MilestoneState.DONE,
        note.strip(),
        link,
    )
    milestone.done_at, milestone.done_by = now, by
    kind = checked_upload(upload, field="file")
    if upload is not None:
        milestone.done_file_kind, milestone.done_file_name = kind, upload.name[:255]
    milestone.full_clean(exclude=["done_file"])
    if upload is not None:
        milestone.done_file.save(upload.name, upload, save=False)
    milestone.save()
    audit_record(
        actor=by,
        action="milestone.done",
        target=milestone.incubation,
        details={"milestone": milestone.pk, "title": milestone.title},
    )
    tell(
        people=others(people=people_of(milestone.incubation), besides=by),
        untold_teams=teams_without_members(milestone.incubation),
        key=f"milestone-done:{milestone.pk}",
        template="milestone_done",
        context={"incubation": milestone.incubation, "milestone": milestone, "by": by},
        told=told,
    )
    touch(incubation=milestone.incubation, now=now)
    return milestone

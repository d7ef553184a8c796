"""The incubation itself: opened by the first confirmed match of a challenge, joined by
each provider confirmed later, moved through its states by one function per change, and
given a mentor by the secretariat."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubation.access import require_member, require_open, require_secretariat
from incubation.models import Incubation, IncubationState, IncubationTeam, TeamRole
from incubation.selectors.people import audience_of, people_of_team, people_to_tell
from incubation.services.common import tell
from incubator.access import is_reviewer, is_secretariat
from incubator.audience import Audience
from incubator.models import User
from incubator.services.audit import audit_record
from matching.models import Match

S = IncubationState


@transaction.atomic
def incubation_add_match(*, match: Match, by: User | None) -> Incubation:
    """The challenge's incubation, opened by its first confirmed match; a later match adds
    its provider team. Doing it again changes nothing and tells nobody twice."""
    challenge = match.challenge
    incubation, created = Incubation.objects.select_for_update().get_or_create(
        challenge=challenge,
        defaults={"programme_id": match.programme_id, "last_activity_at": timezone.now()},
    )
    if created:
        owner = IncubationTeam.objects.create(
            incubation=incubation, organisation=challenge.organisation, role=TeamRole.OWNER
        )
        audit_record(actor=by, action="incubation.opened", target=incubation)
        _welcome(incubation, owner)
    provider = match.solution.organisation
    team, joined = IncubationTeam.objects.get_or_create(
        incubation=incubation,
        organisation=provider,
        defaults={"role": TeamRole.PROVIDER, "solution": match.solution},
    )
    if joined:
        audit_record(
            actor=by,
            action="incubation.team_joined",
            target=incubation,
            details={"team": provider.name, "match": match.pk},
        )
        _welcome(incubation, team)
        if not created:
            newcomers = {person.pk for person in people_of_team(team)}
            tell(
                people=[p for p in people_to_tell(incubation) if p.pk not in newcomers],
                key=f"incubation-team-joined:{team.pk}",
                template="incubation_team_joined",
                context={"incubation": incubation, "team": team},
            )
    return incubation


def _welcome(incubation: Incubation, team: IncubationTeam) -> None:
    tell(
        people=people_of_team(team),
        key=f"incubation-opened:{team.pk}",
        template="incubation_opened",
        context={"incubation": incubation, "team": team},
    )


# States -----------------------------------------------------------------------------------


def _move(
    incubation: Incubation,
    *,
    to: str,
    by: User,
    allowed: tuple,
    reason: str = "",
    told: Audience | None = None,
):
    locked = Incubation.objects.select_for_update().get(pk=incubation.pk)
    if locked.state not in allowed:
        raise ValidationError(
            _("An incubation that is “%(current)s” cannot become “%(next)s”.")
            % {"current": locked.get_state_display(), "next": S(to).label}
        )
    previous, now = locked.state, timezone.now()
    locked.state = to
    locked.last_activity_at = now
    stamp = {S.ACTIVE: "activated_at", S.CLOSING: "closing_started_at", S.CLOSED: "closed_at"}
    if to in stamp and getattr(locked, stamp[to]) is None:
        setattr(locked, stamp[to], now)
    locked.paused_from = previous if to == S.PAUSED else ""
    locked.save()
    entry = audit_record(
        actor=by,
        action=f"incubation.{to}",
        target=locked,
        details={"from": previous, "to": to, "reason": reason},
    )
    audience = audience_of(locked)
    tell(
        people=audience.people,
        untold_teams=audience.untold_teams,
        key=f"incubation-state:{entry.pk}",
        template="incubation_state",
        context={"incubation": locked, "state": to, "reason": reason, "by": by},
        told=told,
    )
    incubation.refresh_from_db()
    return incubation


@transaction.atomic
def incubation_activate(
    *, incubation: Incubation, by: User, told: Audience | None = None
) -> Incubation:
    """The teams start the work once the plan says what it is for; the secretariat may
    start it for them."""
    if not is_secretariat(by):
        require_member(by, incubation)
    if not incubation.goal.strip():
        raise ValidationError(_("Write the goal of the joint work plan before starting."))
    return _move(incubation, to=S.ACTIVE, by=by, allowed=(S.STARTING,), told=told)


@transaction.atomic
def incubation_pause(
    *, incubation: Incubation, by: User, reason: str, told: Audience | None = None
) -> Incubation:
    require_secretariat(by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the work pauses: the teams will read it.")})
    return _move(
        incubation,
        to=S.PAUSED,
        by=by,
        allowed=(S.STARTING, S.ACTIVE),
        reason=reason.strip(),
        told=told,
    )


@transaction.atomic
def incubation_resume(
    *, incubation: Incubation, by: User, told: Audience | None = None
) -> Incubation:
    require_secretariat(by)
    back = incubation.paused_from or S.ACTIVE
    return _move(incubation, to=back, by=by, allowed=(S.PAUSED,), told=told)


@transaction.atomic
def incubation_closing_start(
    *, incubation: Incubation, by: User, told: Audience | None = None
) -> Incubation:
    """The secretariat asks each team for its closing report."""
    require_secretariat(by)
    return _move(
        incubation, to=S.CLOSING, by=by, allowed=(S.STARTING, S.ACTIVE, S.PAUSED), told=told
    )


@transaction.atomic
def incubation_close(
    *, incubation: Incubation, by: User, told: Audience | None = None
) -> Incubation:
    """Closed: readable by its people for good, changed by nobody."""
    require_secretariat(by)
    return _move(incubation, to=S.CLOSED, by=by, allowed=(S.CLOSING,), told=told)


# The mentor -------------------------------------------------------------------------------


@transaction.atomic
def mentor_attach(
    *, incubation: Incubation, mentor: User, by: User, told: Audience | None = None
) -> Incubation:
    """An advisory-board member joins as critical friend: reads everything, writes messages."""
    require_secretariat(by)
    if not (mentor.is_active and is_reviewer(mentor)):
        raise ValidationError({"mentor": _("A mentor is a member of the advisory board.")})
    incubation = Incubation.objects.select_for_update().get(pk=incubation.pk)
    if not incubation.is_open:
        require_open(incubation)
    if incubation.mentor_id == mentor.pk:
        return incubation
    incubation.mentor = mentor
    incubation.save(update_fields=["mentor"])
    entry = audit_record(
        actor=by,
        action="incubation.mentor_attached",
        target=incubation,
        details={"mentor": mentor.email},
    )
    audience = audience_of(incubation)
    tell(
        people=audience.people,
        untold_teams=audience.untold_teams,
        key=f"incubation-mentor:{entry.pk}",
        template="incubation_mentor",
        context={"incubation": incubation, "mentor": mentor},
        told=told,
    )
    return incubation


@transaction.atomic
def mentor_detach(*, incubation: Incubation, by: User) -> Incubation:
    require_secretariat(by)
    incubation = Incubation.objects.select_for_update().get(pk=incubation.pk)
    if incubation.mentor_id is None:
        raise PermissionDenied(_("This incubation has no mentor."))
    former = incubation.mentor
    incubation.mentor = None
    incubation.save(update_fields=["mentor"])
    audit_record(
        actor=by,
        action="incubation.mentor_detached",
        target=incubation,
        details={"mentor": former.email},
    )
    return incubation

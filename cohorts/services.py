"""Every write of the cohort track: cohorts and enrolments, sessions and their changes,
registrations with the waitlist, attendance, feedback, calendar feeds, resources,
opportunities, and the reminders before each session."""

import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import (
    CalendarFeed,
    Cohort,
    Enrolment,
    Feedback,
    Opportunity,
    Registration,
    RegistrationStatus,
    Resource,
    Session,
)
from cohorts.selectors import is_cohort_member, member_teams
from incubator.access import is_secretariat
from incubator.models import Notification, Organisation, Programme, Theme, User
from incubator.services.audit import audit_record
from incubator.services.outbox import notification_queue
from incubator.uploads import validate_upload

MAX_FILE_BYTES = 20 * 1024 * 1024
SLIDE_KINDS = frozenset({"pdf", "pptx", "odt", "docx"})
SESSION_FIELDS = (
    "theme",
    "title",
    "description",
    "facilitators",
    "starts_at",
    "ends_at",
    "reference_time_zone",
    "format",
    "location",
    "joining_link",
    "capacity",
)
# An opportunity stays on the board at most this long.
OPPORTUNITY_HORIZON = timedelta(days=5 * 366)
# name, how long before the start it goes out; the later one wins when both are due.
REMINDERS = (("24h", timedelta(hours=24)), ("1h", timedelta(hours=1)))

R = RegistrationStatus


def _require_secretariat(by: User) -> None:
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat runs the cohort track."))


# Cohorts and enrolment -------------------------------------------------------------------


@transaction.atomic
def cohort_create(*, programme: Programme, name: str, description: str, by: User) -> Cohort:
    _require_secretariat(by)
    cohort = Cohort(programme=programme, name=name, description=description)
    cohort.full_clean()
    cohort.save()
    audit_record(actor=by, action="cohort.created", target=cohort)
    return cohort


@transaction.atomic
def cohort_enrol(*, cohort: Cohort, organisations, by: User) -> int:
    """Enrol teams; teams already in the cohort stay as they are. Returns how many joined."""
    _require_secretariat(by)
    added = 0
    for organisation in organisations:
        _enrolment, created = Enrolment.objects.get_or_create(
            cohort=cohort, organisation=organisation, defaults={"enrolled_by": by}
        )
        if created:
            added += 1
            audit_record(
                actor=by,
                action="cohort.team_enrolled",
                target=cohort,
                details={"team": organisation.name},
            )
    return added


@transaction.atomic
def cohort_unenrol(*, cohort: Cohort, organisation: Organisation, by: User, now=None) -> None:
    """Take a team out of a cohort. Its people who no longer belong to the cohort through
    another team lose their places in the sessions to come, and the waitlist moves up."""
    _require_secretariat(by)
    now = now or timezone.now()
    Enrolment.objects.filter(cohort=cohort, organisation=organisation).delete()
    audit_record(
        actor=by,
        action="cohort.team_removed",
        target=cohort,
        details={"team": organisation.name},
    )
    leaving = (
        Registration.objects.filter(
            session__cohort=cohort,
            session__starts_at__gt=now,
            user__memberships__organisation=organisation,
        )
        .exclude(status=R.CANCELLED)
        .exclude(user__in=User.objects.filter(memberships__organisation__enrolments__cohort=cohort))
        .select_related("session")
    )
    for registration in leaving:
        _cancel(registration=registration, now=now)


# Sessions --------------------------------------------------------------------------------


def _check_session(session: Session, *, now, new: bool, time_changed: bool) -> None:
    errors = {}
    try:
        # The database's check constraints are restated below, with messages that say
        # which field is wrong.
        session.full_clean(exclude=["cohort", "created_by"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors.setdefault("ends_at", []).append(
            _("The session ends before it starts. Check the end date and time.")
        )
    if (new or time_changed) and session.starts_at and session.starts_at <= now:
        errors.setdefault("starts_at", []).append(
            _("This start is in the past. Choose a date and time to come.")
        )
    if errors:
        raise ValidationError(errors)


def _registered(session: Session) -> int:
    return session.registrations.filter(status=R.REGISTERED).count()


@transaction.atomic
def session_create(*, cohort: Cohort, theme: Theme, by: User, now=None, **fields) -> Session:
    _require_secretariat(by)
    now = now or timezone.now()
    session = Session(cohort=cohort, theme=theme, created_by=by, **fields)
    _check_session(session, now=now, new=True, time_changed=True)
    session.save()
    audit_record(actor=by, action="session.created", target=session)
    return session


@transaction.atomic
def session_update(*, session: Session, by: User, now=None, **fields) -> Session:
    """Change a session. A new time is announced to everyone registered or waiting; more
    places move the waitlist up; fewer places than people registered is refused."""
    _require_secretariat(by)
    now = now or timezone.now()
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_cancelled:
        raise ValidationError(_("This session is cancelled; it can no longer be changed."))
    before = {"starts_at": locked.starts_at, "ends_at": locked.ends_at}
    changed = []
    for name, value in fields.items():
        if name not in SESSION_FIELDS:
            raise ValueError(f"{name} is not a session field")
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    time_changed = bool({"starts_at", "ends_at"} & set(changed))
    _check_session(locked, now=now, new=False, time_changed=time_changed)
    registered = _registered(locked)
    if locked.capacity < registered:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d people are already registered. Give at least %(count)d places, "
                    "or ask people to cancel first."
                )
                % {"count": registered}
            }
        )
    if time_changed:
        locked.schedule_version += 1
    locked.save()
    audit_record(actor=by, action="session.updated", target=locked, details={"fields": changed})
    if time_changed:
        for registration in locked.registrations.exclude(status=R.CANCELLED).select_related("user"):
            notification_queue(
                key=f"session-rescheduled:{locked.pk}:v{locked.schedule_version}:"
                f"{registration.user_id}",
                template="session_rescheduled",
                context={
                    "session": locked,
                    "registration": registration,
                    "previous_starts_at": before["starts_at"],
                    "previous_ends_at": before["ends_at"],
                },
                recipient=registration.user,
            )
    _fill_places(locked, now=now)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: User, reason: str, now=None) -> Session:
    """Cancel a session and tell everyone registered or waiting, once."""
    _require_secretariat(by)
    now = now or timezone.now()
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    if locked.has_ended(now):
        raise ValidationError(_("This session is over; there is nothing to cancel."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the session is cancelled: the people registered read it.")}
        )
    locked.cancelled_at = now
    locked.cancellation_reason = reason.strip()
    locked.full_clean(exclude=["cohort", "created_by"], validate_constraints=False)
    locked.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
    audit_record(actor=by, action="session.cancelled", target=locked, details={"reason": reason})
    for registration in locked.registrations.exclude(status=R.CANCELLED).select_related("user"):
        notification_queue(
            key=f"session-cancelled:{locked.pk}:{registration.user_id}",
            template="session_cancelled",
            context={"session": locked, "registration": registration},
            recipient=registration.user,
        )
    session.refresh_from_db()
    return session


@transaction.atomic
def session_material_save(
    *, session: Session, by: User, recording_url: str, slides=None, remove_slides: bool = False
) -> Session:
    """The recording and the slides, shared after the session."""
    _require_secretariat(by)
    session.recording_url = recording_url
    session.full_clean(exclude=["cohort", "created_by", "slides"], validate_constraints=False)
    if slides is not None:
        try:
            validate_upload(slides, kinds=SLIDE_KINDS, max_bytes=MAX_FILE_BYTES)
        except ValidationError as error:
            raise ValidationError({"slides": error.messages}) from error
    if (remove_slides or slides is not None) and session.slides:
        session.slides.delete(save=False)
        session.slides_name = ""
    if slides is not None:
        session.slides.save(slides.name, slides, save=False)
        session.slides_name = slides.name[:255]
    session.save()
    audit_record(actor=by, action="session.material_saved", target=session)
    return session


# Registrations and the waitlist ---------------------------------------------------------


@transaction.atomic
def registration_create(*, session: Session, user: User, now=None) -> Registration:
    """Take a place, or a place on the waitlist when the session is full. The session row
    is locked, so two people can never take the last place together."""
    now = now or timezone.now()
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if not is_cohort_member(user=user, cohort=locked.cohort):
        raise PermissionDenied(_("Only members of the cohort's teams can register."))
    if locked.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if locked.has_started(now):
        raise ValidationError(_("This session has started; registration is closed."))
    registration = Registration.objects.filter(session=locked, user=user).first()
    if registration is not None and registration.status != R.CANCELLED:
        return registration
    full = _registered(locked) >= locked.capacity
    registration = registration or Registration(session=locked, user=user)
    registration.status = R.WAITLISTED if full else R.REGISTERED
    registration.queued_at = now
    registration.registered_at = None if full else now
    registration.cancelled_at = None
    registration.save()
    audit_record(
        actor=user,
        action="session.waitlisted" if full else "session.registered",
        target=locked,
        details={"person": user.email},
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User, now=None) -> Registration:
    """Give up a place (or a place in the waitlist). The first person waiting gets the
    place and is told by email."""
    now = now or timezone.now()
    if registration.user_id != by.pk and not is_secretariat(by):
        raise PermissionDenied(_("You can only cancel your own registration."))
    locked_session = Session.objects.select_for_update().get(pk=registration.session_id)
    if locked_session.has_started(now):
        raise ValidationError(_("This session has started; the registration can no longer change."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == R.CANCELLED:
        return registration
    _cancel(registration=registration, now=now, by=by)
    return registration


def _cancel(*, registration: Registration, now, by: User | None = None) -> None:
    registration.status = R.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=by,
        action="session.registration_cancelled",
        target=registration.session,
        details={"person": registration.user.email},
    )
    _fill_places(registration.session, now=now)


def _fill_places(session: Session, *, now) -> None:
    """Move the waitlist up into free places, first come first served, and tell each
    person promoted."""
    if session.is_cancelled or session.has_started(now):
        return
    free = session.capacity - _registered(session)
    if free <= 0:
        return
    waiting = (
        session.registrations.filter(status=R.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")[:free]
    )
    for registration in waiting:
        registration.status = R.REGISTERED
        registration.registered_at = now
        registration.save(update_fields=["status", "registered_at"])
        audit_record(
            actor=None,
            action="session.promoted",
            target=session,
            details={"person": registration.user.email},
        )
        notification_queue(
            key=f"session-promoted:{registration.pk}:{registration.queued_at.timestamp():.6f}",
            template="session_promoted",
            context={"session": session, "registration": registration},
            recipient=registration.user,
        )


@transaction.atomic
def attendance_record(*, session: Session, attended_ids, by: User, now=None) -> int:
    """Mark who came: the registered people named came, the others did not."""
    _require_secretariat(by)
    now = now or timezone.now()
    if not session.has_started(now):
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    registered = session.registrations.filter(status=R.REGISTERED)
    attended_ids = {int(pk) for pk in attended_ids}
    came = registered.filter(pk__in=attended_ids).update(attended=True)
    registered.exclude(pk__in=attended_ids).update(attended=False)
    audit_record(
        actor=by, action="session.attendance_recorded", target=session, details={"came": came}
    )
    return came


@transaction.atomic
def feedback_give(
    *, session: Session, user: User, rating: int, worked: str, improve: str, now=None
) -> Feedback:
    """One person's feedback on a session they were registered for, after it ended; giving
    it again replaces it."""
    now = now or timezone.now()
    if not session.registrations.filter(user=user, status=R.REGISTERED).exists():
        raise PermissionDenied(_("Only people registered for the session can give feedback."))
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled; there is nothing to rate."))
    if not session.has_ended(now):
        raise ValidationError(_("Feedback opens when the session is over."))
    feedback = Feedback.objects.filter(session=session, user=user).first() or Feedback(
        session=session, user=user
    )
    feedback.rating, feedback.worked, feedback.improve = rating, worked, improve
    feedback.full_clean(validate_constraints=False)
    feedback.save()
    audit_record(actor=user, action="session.feedback_given", target=session)
    return feedback


# Calendar feeds --------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, user: User) -> CalendarFeed:
    """The person's subscription address: their live one, or a new one."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    existing = feed.first()
    if existing is not None:
        return existing
    created = CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(actor=user, action="calendar_feed.created", target=user)
    return created


@transaction.atomic
def calendar_feed_revoke(*, user: User, now=None) -> int:
    """Stop the person's subscription address at once; calendars using it get nothing more."""
    revoked = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )
    if revoked:
        audit_record(actor=user, action="calendar_feed.revoked", target=user)
    return revoked


# Resources -------------------------------------------------------------------------------


def _sharing_team(cohort: Cohort, by: User, organisation: Organisation | None):
    """The team a member shares in the name of, checked; None for the secretariat."""
    if organisation is None:
        _require_secretariat(by)
        return None
    if not member_teams(user=by, cohort=cohort).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You can only share in the name of your own enrolled team."))
    return organisation


@transaction.atomic
def resource_share(
    *,
    cohort: Cohort,
    by: User,
    title: str,
    description: str,
    themes,
    organisation: Organisation | None = None,
    url: str = "",
    upload=None,
) -> Resource:
    organisation = _sharing_team(cohort, by, organisation)
    if bool(url) == (upload is not None):
        raise ValidationError(_("Share either a link or a file."))
    resource = Resource(
        cohort=cohort,
        title=title,
        description=description,
        url=url,
        organisation=organisation,
        shared_by=by,
    )
    if upload is not None:
        try:
            resource.file_kind = validate_upload(upload, max_bytes=MAX_FILE_BYTES)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        resource.original_name = upload.name[:255]
        resource.size = upload.size
    # Checked before the file is stored, so a refused resource leaves no file behind.
    resource.full_clean(exclude=["file"], validate_constraints=False)
    if upload is not None:
        resource.file.save(upload.name, upload, save=False)
    resource.save()
    resource.themes.set(themes)
    audit_record(actor=by, action="resource.shared", target=resource)
    return resource


@transaction.atomic
def resource_remove(*, resource: Resource, by: User) -> None:
    """The person who shared it, a member of the team it was shared for, or the secretariat."""
    allowed = (
        is_secretariat(by)
        or resource.shared_by_id == by.pk
        or (resource.organisation_id and resource.organisation.memberships.filter(user=by).exists())
    )
    if not allowed:
        raise PermissionDenied(_("Only the team that shared it or the secretariat can remove it."))
    audit_record(
        actor=by,
        action="resource.removed",
        target=resource.cohort,
        details={"title": resource.title},
    )
    if resource.file:
        resource.file.delete(save=False)
    resource.delete()


# Opportunities ---------------------------------------------------------------------------


def end_of_day(day, zone_name: str) -> datetime:
    """The instant a date ends in a zone: the next day's midnight there."""
    zone = ZoneInfo(zone_name)
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)


@transaction.atomic
def opportunity_post(
    *,
    cohort: Cohort,
    organisation: Organisation,
    by: User,
    kind: str,
    title: str,
    description: str,
    url: str,
    expires_on,
    now=None,
) -> Opportunity:
    """Post an opportunity until a date; it leaves the board when that day is over in the
    posting team's time zone."""
    now = now or timezone.now()
    organisation = _sharing_team(cohort, by, organisation)
    today = now.astimezone(ZoneInfo(organisation.time_zone)).date()
    if expires_on > today + OPPORTUNITY_HORIZON:
        raise ValidationError({"expires_on": _("Choose a date within the next five years.")})
    if expires_on < today:
        raise ValidationError(
            {
                "expires_on": _(
                    "This date has passed (today is %(today)s in %(zone)s). Choose today or "
                    "a later date."
                )
                % {"today": today.isoformat(), "zone": organisation.time_zone}
            }
        )
    opportunity = Opportunity(
        cohort=cohort,
        organisation=organisation,
        posted_by=by,
        kind=kind,
        title=title,
        description=description,
        url=url,
        expires_on=expires_on,
        time_zone=organisation.time_zone,
        expires_at=end_of_day(expires_on, organisation.time_zone),
    )
    opportunity.full_clean()
    opportunity.save()
    audit_record(actor=by, action="opportunity.posted", target=opportunity)
    return opportunity


@transaction.atomic
def opportunity_remove(*, opportunity: Opportunity, by: User) -> None:
    allowed = is_secretariat(by) or opportunity.organisation.memberships.filter(user=by).exists()
    if not allowed:
        raise PermissionDenied(_("Only the team that posted it or the secretariat can remove it."))
    audit_record(
        actor=by,
        action="opportunity.removed",
        target=opportunity.cohort,
        details={"title": opportunity.title},
    )
    opportunity.delete()


# Reminders -------------------------------------------------------------------------------


def reminder_key(name: str, registration: Registration, session: Session) -> str:
    return f"session-reminder-{name}:{registration.pk}:v{session.schedule_version}"


def session_reminders_send(*, now=None) -> int:
    """Queue the reminders that are due: 24 hours and 1 hour before each session, to each
    registered person still in the cohort, in their language and zone. The outbox key
    makes each go out once however often this runs; a cancelled registration or session
    gets none. Returns how many were queued."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(
            status=R.REGISTERED,
            session__cancelled_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + REMINDERS[0][1],
            user__is_active=True,
        )
        .filter(
            # Still a member of an enrolled team: reminders carry the joining link.
            Exists(
                Enrolment.objects.filter(
                    cohort=OuterRef("session__cohort"),
                    organisation__memberships__user=OuterRef("user"),
                )
            )
        )
        .select_related("session__theme", "user")
        .order_by("session__starts_at", "pk")
    )
    due = []
    for registration in registrations:
        session = registration.session
        left = session.starts_at - now
        name = next(name for name, before in reversed(REMINDERS) if left <= before)
        due.append((reminder_key(name, registration, session), name, registration))
    already = set(
        Notification.objects.filter(key__in=[key for key, _n, _r in due]).values_list(
            "key", flat=True
        )
    )
    queued = 0
    for key, name, registration in due:
        if key in already:
            continue
        with transaction.atomic():
            notification_queue(
                key=key,
                template="session_reminder",
                context={
                    "session": registration.session,
                    "registration": registration,
                    "soon": name == "1h",
                },
                recipient=registration.user,
            )
        queued += 1
    return queued

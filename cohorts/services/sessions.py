"""Sessions of a cohort: planning one, changing it (a new time is announced), cancelling
it (everyone is told), and the recording and slides shared after it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Cohort, Session
from cohorts.selectors import registered_count, registered_or_waiting
from cohorts.services.common import MAX_FILE_BYTES, require_secretariat
from cohorts.services.registration import waitlist_move_up
from incubator.audience import Audience
from incubator.models import Theme, User
from incubator.services.audit import audit_record
from incubator.services.telling import person_tell
from incubator.uploads import validate_upload

SLIDE_KINDS = frozenset({"pdf", "pptx", "odt", "docx"})
SESSION_FIELDS = (
    "theme",
    "title",
    "title_fr",
    "description",
    "description_fr",
    "facilitators",
    "starts_at",
    "ends_at",
    "reference_time_zone",
    "format",
    "location",
    "joining_link",
    "capacity",
)


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


@transaction.atomic
def session_create(*, cohort: Cohort, theme: Theme, by: User, now=None, **fields) -> Session:
    require_secretariat(by=by)
    now = now or timezone.now()
    session = Session(cohort=cohort, theme=theme, created_by=by, **fields)
    _check_session(session, now=now, new=True, time_changed=True)
    session.save()
    audit_record(actor=by, action="session.created", target=session)
    return session


def _fields_change(session: Session, fields: dict) -> list[str]:
    """Set the fields given on the session; the names of those whose value changed."""
    changed = []
    for name, value in fields.items():
        if name not in SESSION_FIELDS:
            raise ValueError(f"{name} is not a session field")
        if getattr(session, name) != value:
            setattr(session, name, value)
            changed.append(name)
    return changed


def _check_capacity(session: Session) -> None:
    registered = registered_count(session=session)
    if session.capacity < registered:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d people are already registered. Give at least %(count)d places, "
                    "or ask people to cancel first."
                )
                % {"count": registered}
            }
        )


def _new_time_announce(session: Session, *, before: dict, told: Audience | None) -> None:
    """Tell everyone registered or waiting, once per new version of the schedule."""
    for registration in registered_or_waiting(session=session):
        person_tell(
            person=registration.user,
            key=f"session-rescheduled:{session.pk}:v{session.schedule_version}:"
            f"{registration.user_id}",
            template="session_rescheduled",
            context={
                "session": session,
                "registration": registration,
                "previous_starts_at": before["starts_at"],
                "previous_ends_at": before["ends_at"],
            },
            told=told,
        )


@transaction.atomic
def session_update(
    *, session: Session, by: User, now=None, told: Audience | None = None, **fields
) -> Session:
    """Change a session. A new time is announced to everyone registered or waiting (who
    is added to ``told``); more places move the waitlist up; fewer places than people
    registered is refused."""
    require_secretariat(by=by)
    now = now or timezone.now()
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_cancelled:
        raise ValidationError(_("This session is cancelled; it can no longer be changed."))
    before = {"starts_at": locked.starts_at, "ends_at": locked.ends_at}
    changed = _fields_change(locked, fields)
    time_changed = bool({"starts_at", "ends_at"} & set(changed))
    _check_session(locked, now=now, new=False, time_changed=time_changed)
    _check_capacity(locked)
    if time_changed:
        locked.schedule_version += 1
    locked.save()
    audit_record(actor=by, action="session.updated", target=locked, details={"fields": changed})
    if time_changed:
        _new_time_announce(locked, before=before, told=told)
    waitlist_move_up(session=locked, now=now)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_cancel(
    *, session: Session, by: User, reason: str, now=None, told: Audience | None = None
) -> Session:
    """Cancel a session and tell everyone registered or waiting, once; they are added to
    ``told``."""
    require_secretariat(by=by)
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
    for registration in registered_or_waiting(session=locked):
        person_tell(
            person=registration.user,
            key=f"session-cancelled:{locked.pk}:{registration.user_id}",
            template="session_cancelled",
            context={"session": locked, "registration": registration},
            told=told,
        )
    session.refresh_from_db()
    return session


@transaction.atomic
def session_material_save(
    *, session: Session, by: User, recording_url: str, slides=None, remove_slides: bool = False
) -> Session:
    """The recording and the slides, shared after the session."""
    require_secretariat(by=by)
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

"""Careful reads of the cohort track: who belongs to which cohort, and the lists of
sessions, resources and opportunities with their joins, in a fixed number of queries;
the registrations a reminder is due for; what the secretariat's desk reads."""

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cohorts.access import member_cohorts, visible_cohorts
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
from incubator.access import teams_of
from incubator.models import Notification, Organisation, Theme, User
from incubator.translated import shown


def member_teams(*, user: User, cohort: Cohort | None = None) -> QuerySet[Organisation]:
    """The person's teams that are enrolled in a cohort (in the given one, if named)."""
    enrolments = Enrolment.objects.filter(organisation=OuterRef("pk"))
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    return teams_of(user).filter(Exists(enrolments)).order_by("name")


def themes_to_filter_by() -> list[tuple[str, str]]:
    """(slug, name) of every theme, for the lists' theme filter."""
    return list(Theme.objects.order_by(shown("name")).values_list("slug", shown("name")))


def _registered_count():
    registered = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.REGISTERED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(registered, output_field=IntegerField()), Value(0))


def registered_count(*, session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def registered_or_waiting(*, session: Session) -> QuerySet[Registration]:
    """Everyone holding a place or waiting for one, with their people: who is told when
    the session changes."""
    return session.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("user")


def with_registered_count(queryset: QuerySet[Session]) -> QuerySet[Session]:
    return queryset.annotate(registered_count=_registered_count()).annotate(
        places_left=Greatest(F("capacity") - F("registered_count"), Value(0))
    )


def sessions_for_viewer(
    *, user: User, past: bool = False, theme: str = "", now=None
) -> QuerySet[Session]:
    """Upcoming sessions (not yet over) soonest first, or past ones latest first, of the
    viewer's cohorts, each with its number of registered people and the viewer's own
    status."""
    now = now or timezone.now()
    mine = Registration.objects.filter(session=OuterRef("pk"), user=user).values("status")[:1]
    sessions = with_registered_count(
        Session.objects.filter(cohort__in=visible_cohorts(user=user)).select_related(
            "theme", "cohort"
        )
    ).annotate(my_status=Subquery(mine))
    if theme:
        sessions = sessions.filter(theme__slug=theme)
    if past:
        return sessions.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    return sessions.filter(ends_at__gt=now).order_by("starts_at", "pk")


def session_for_viewer(*, user: User, pk: int) -> Session:
    """A session of one of the viewer's cohorts; 404 for anyone else, whatever the id."""
    return get_object_or_404(
        with_registered_count(
            Session.objects.filter(cohort__in=visible_cohorts(user=user)).select_related(
                "theme", "cohort__programme"
            )
        ),
        pk=pk,
    )


def registration_of(*, session: Session, user: User) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, user=user).first()


def feedback_of(*, session: Session, user: User) -> Feedback | None:
    return Feedback.objects.filter(session=session, user=user).first()


def waitlist_position(*, registration: Registration) -> int:
    """1 for the first person waiting."""
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def sessions_for_feed(*, user: User, since) -> QuerySet[Session]:
    """The sessions a person registered or waits for, in the cohorts they still belong
    to, from ``since`` on."""
    return (
        Session.objects.filter(
            cohort__in=member_cohorts(user=user),
            ends_at__gte=since,
            registrations__user=user,
            registrations__status__in=[
                RegistrationStatus.REGISTERED,
                RegistrationStatus.WAITLISTED,
            ],
        )
        .select_related("theme")
        .annotate(
            my_status=Subquery(
                Registration.objects.filter(session=OuterRef("pk"), user=user).values("status")[:1]
            )
        )
        .order_by("starts_at", "pk")
    )


def live_feed(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(*, token: str) -> User | None:
    """The person whose live feed this token opens; None once it is revoked."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def resources_for_viewer(*, user: User, words: str = "", theme: str = "") -> QuerySet[Resource]:
    resources = (
        Resource.objects.filter(cohort__in=visible_cohorts(user=user))
        .select_related("organisation", "shared_by", "cohort")
        .prefetch_related(Prefetch("themes", Theme.objects.order_by("name")))
        .order_by("-created_at", "-pk")
    )
    if theme:
        resources = resources.filter(
            Exists(
                Resource.themes.through.objects.filter(resource=OuterRef("pk"), theme__slug=theme)
            )
        )
    for word in words.split():
        resources = resources.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(original_name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return resources


def resource_for_viewer(*, user: User, pk: int) -> Resource:
    return get_object_or_404(Resource.objects.filter(cohort__in=visible_cohorts(user=user)), pk=pk)


def opportunities_on_board(*, user: User, now=None) -> QuerySet[Opportunity]:
    """Opportunities not yet past their date, the soonest to leave first."""
    now = now or timezone.now()
    return (
        Opportunity.objects.filter(cohort__in=visible_cohorts(user=user), expires_at__gt=now)
        .select_related("organisation", "posted_by", "cohort")
        .order_by("expires_at", "pk")
    )


def places_of_leavers(*, cohort: Cohort, organisation: Organisation, now) -> QuerySet[Registration]:
    """The places in the cohort's coming sessions held by the team's people who no longer
    belong to the cohort through another team (read once the team has left)."""
    return (
        Registration.objects.filter(
            session__cohort=cohort,
            session__starts_at__gt=now,
            user__memberships__organisation=organisation,
        )
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(user__in=User.objects.filter(memberships__organisation__enrolments__cohort=cohort))
        .select_related("session")
    )


# The reminders ---------------------------------------------------------------------------


def registrations_to_remind(*, now, within) -> QuerySet[Registration]:
    """Places in sessions starting within ``within`` from now, held by active people still
    in a team enrolled in the cohort (reminders carry the joining link); soonest first."""
    return (
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            session__cancelled_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + within,
            user__is_active=True,
        )
        .filter(
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


def queued_keys(*, keys: list[str]) -> set[str]:
    """Which of these outbox keys are queued already."""
    return set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))


# The secretariat's desk ------------------------------------------------------------------


def enrolled_teams(*, cohort: Cohort) -> QuerySet[Organisation]:
    return Organisation.objects.filter(enrolments__cohort=cohort).order_by("name")


def enrolled_team(*, cohort: Cohort, pk: int) -> Organisation:
    return get_object_or_404(enrolled_teams(cohort=cohort), pk=pk)


def cohort_for_desk(*, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)


def cohorts_for_desk() -> QuerySet[Cohort]:
    return (
        Cohort.objects.select_related("programme")
        .annotate(
            team_count=Count("enrolments", distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def session_for_desk(*, pk: int) -> Session:
    return get_object_or_404(
        with_registered_count(Session.objects.select_related("cohort__programme", "theme")),
        pk=pk,
    )


def sessions_of_cohort(*, cohort: Cohort) -> QuerySet[Session]:
    waiting = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.WAITLISTED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        with_registered_count(cohort.sessions.select_related("theme"))
        .annotate(
            waiting_count=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0)),
            feedback_count=Count("feedback", distinct=True),
            average_rating=Avg("feedback__rating"),
        )
        .order_by("starts_at", "pk")
    )


def registrations_for_desk(*, session: Session) -> QuerySet[Registration]:
    return (
        session.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .prefetch_related("user__memberships__organisation")
        .order_by("status", "queued_at", "pk")
    )


def registered_people(*, session: Session) -> QuerySet[Registration]:
    """The places taken (not the waitlist), with their people: whose attendance is taken."""
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("user")


def feedback_by_theme(*, cohort: Cohort) -> QuerySet[Theme]:
    return (
        Theme.objects.filter(sessions__cohort=cohort, sessions__feedback__isnull=False)
        .annotate(
            feedback_count=Count("sessions__feedback"),
            average_rating=Avg("sessions__feedback__rating"),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("name")
    )


def feedback_of_session(*, session: Session) -> QuerySet[Feedback]:
    return session.feedback.order_by("-updated_at", "-pk")

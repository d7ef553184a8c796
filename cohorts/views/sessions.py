"""The cohort member's side of sessions: the list, one session, registering and
cancelling, the calendar file, the subscription feed and feedback."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cohorts.access import is_cohort_member, visible_cohorts
from cohorts.calendar import feed_calendar, session_calendar
from cohorts.forms import FeedbackForm
from cohorts.models import CalendarFeed, RegistrationStatus
from cohorts.selectors import (
    feed_owner,
    feedback_of,
    live_feed,
    registration_of,
    session_for_viewer,
    sessions_for_feed,
    sessions_for_viewer,
    themes_to_filter_by,
    waitlist_position,
)
from cohorts.services import (
    calendar_feed_create,
    calendar_feed_revoke,
    feedback_give,
    registration_cancel,
    registration_create,
)
from cohorts.signals import personal_feed_building
from cohorts.views.common import PAGE_SIZE
from incubator.downloads import file_download
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.views.confirmation import Confirmation, ConfirmedAction, form_receiver

FEED_HISTORY = timedelta(days=90)


@login_required
@require_safe
def session_list(request):
    past = request.GET.get("when") == "past"
    themes = themes_to_filter_by()
    theme = request.GET.get("theme", "")
    if theme not in {slug for slug, _name in themes}:
        theme = ""
    sessions = sessions_for_viewer(user=request.user, past=past, theme=theme)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {"when": "past"} if past else {}
    if theme:
        query["theme"] = theme
    return render(
        request,
        "cohorts/sessions/list.html",
        {
            "page": page,
            "past": past,
            "themes": themes,
            "theme": theme,
            "query_string": "&".join(f"{key}={value}" for key, value in query.items()),
            "in_a_cohort": visible_cohorts(user=request.user).exists(),
        },
    )


@login_required
@require_safe
def session_detail(request, pk):
    session = session_for_viewer(user=request.user, pk=pk)
    registration = registration_of(session=session, user=request.user)
    status = registration.status if registration else None
    now = timezone.now()
    feedback = None
    if status == RegistrationStatus.REGISTERED and session.has_ended(now):
        feedback = feedback_of(session=session, user=request.user)
    return render(
        request,
        "cohorts/sessions/detail.html",
        {
            "session": session,
            "registration": registration,
            "status": status,
            "position": waitlist_position(registration=registration)
            if status == RegistrationStatus.WAITLISTED
            else None,
            "can_register": is_cohort_member(user=request.user, cohort=session.cohort),
            "started": session.has_started(now),
            "ended": session.has_ended(now),
            "feedback": feedback,
        },
    )


@login_required
@form_receiver("cohorts:session", pk="pk")
def session_register(request, pk):
    session = session_for_viewer(user=request.user, pk=pk)
    try:
        registration = registration_create(session=session, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(
                request,
                _("You are registered. Add the session to your calendar so you do not miss it."),
            )
        else:
            messages.success(
                request,
                _(
                    "The session is full: you are on the waitlist. If a place opens up, it is "
                    "yours and we tell you by email."
                ),
            )
    return redirect("cohorts:session", pk=session.pk)


@login_required
@form_receiver("cohorts:session", pk="pk")
def session_unregister(request, pk):
    session = session_for_viewer(user=request.user, pk=pk)
    registration = registration_of(session=session, user=request.user)
    if registration is None:
        return redirect("cohorts:session", pk=session.pk)
    try:
        registration_cancel(registration=registration, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("cohorts:session", pk=session.pk)


@login_required
@require_safe
def session_ics(request, pk):
    session = session_for_viewer(user=request.user, pk=pk)
    registration = registration_of(session=session, user=request.user)
    registered = registration is not None and registration.status == RegistrationStatus.REGISTERED
    response = HttpResponse(
        session_calendar(session, show_joining_link=registered),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


@login_required
@require_safe
def session_slides(request, pk):
    session = session_for_viewer(user=request.user, pk=pk)
    return file_download(session.slides, filename=session.slides_name)


@login_required
def session_feedback(request, pk):
    session = session_for_viewer(user=request.user, pk=pk)
    existing = feedback_of(session=session, user=request.user)
    initial = (
        {"rating": existing.rating, "worked": existing.worked, "improve": existing.improve}
        if existing
        else None
    )
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_give(session=session, user=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, refusal_text(error))
            return redirect("cohorts:session", pk=session.pk)
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("Thank you: your feedback is saved."))
            return redirect("cohorts:session", pk=session.pk)
    return render(
        request,
        "cohorts/sessions/feedback.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )


# The personal calendar feed ------------------------------------------------------------


def feed_url(request, feed) -> str:
    return request.build_absolute_uri(reverse("cohorts:feed", kwargs={"token": feed.token}))


@login_required
@never_cache
def calendar_page(request):
    feed = live_feed(user=request.user)
    url = feed_url(request, feed) if feed else ""
    return render(
        request,
        "cohorts/sessions/calendar.html",
        {
            "feed": feed,
            "url": url,
            "webcal": url.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
        },
    )


@login_required
@form_receiver("cohorts:calendar")
def calendar_feed_new(request):
    calendar_feed_create(user=request.user)
    messages.success(request, _("Your calendar address is ready. Add it to your calendar program."))
    return redirect("cohorts:calendar")


class CalendarFeedStop(LoginRequiredMixin, ConfirmedAction):
    """Revoking the secret address cannot be undone: calendars using it stop at once."""

    def confirmation(self) -> Confirmation:
        return Confirmation(
            title=_("Revoke your calendar address?"),
            button=_("Revoke the address"),
            back_url=reverse("cohorts:calendar"),
            will_happen=[
                _(
                    "Calendars that use it get nothing more, from now on. You can make a new "
                    "address, and add that one to your calendar again."
                )
            ],
        )

    def act(self):
        calendar_feed_revoke(user=self.request.user)
        messages.success(
            self.request,
            _("The address is revoked: calendars that use it get nothing more, from now on."),
        )
        return redirect("cohorts:calendar")


@require_safe
@never_cache
def calendar_feed(request, token):
    """The feed calendar programs poll. The secret address is the only key; a revoked or
    unknown one answers 404 at once."""
    user = feed_owner(token=token)
    if user is None:
        raise Http404
    since = timezone.now() - FEED_HISTORY
    sessions = sessions_for_feed(user=user, since=since)
    # Nobody is signed in: the feed speaks its owner's language.
    with translation.override(user.language):
        others = personal_feed_building.send(sender=CalendarFeed, user=user, since=since)
        body = feed_calendar(
            sessions,
            name=_("Innovation Incubator sessions"),
            others=[event for _receiver, events in others for event in events],
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="incubator-sessions.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response

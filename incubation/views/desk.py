"""The secretariat's side: the programmes with incubations, one programme's desk (filter,
sort, CSV), its check-ins page, answering a check-in and the check-in interval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubation.forms.checkins import CheckInAnswerForm, IntervalForm
from incubation.forms.desk import DeskFilterForm
from incubation.selectors.checkins import checkin_for_desk, checkins_page, interval_weeks_of
from incubation.selectors.desk import desk_rows, programme_by_slug, programmes_with_incubations
from incubation.selectors.risk import risk_names
from incubation.services.checkins import checkin_answer, checkin_interval_set
from incubation.views.common import secretariat_only
from incubator.audience import Audience, told
from incubator.forms.errors import form_errors_add
from reviews.spreadsheets import csv_response, utc

PAGE_SIZE = 50


@secretariat_only
@require_safe
def programmes(request):
    return render(
        request, "incubation/desk/programmes.html", {"programmes": programmes_with_incubations()}
    )


def _filtered(request, programme):
    form = DeskFilterForm(request.GET or None)
    choice = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = desk_rows(
        programme=programme,
        now=timezone.now(),
        state=choice.get("state", ""),
        at_risk=choice.get("at_risk", False),
        sort=choice.get("sort") or "risk",
    )
    query = urlencode({name: value for name, value in request.GET.items() if name != "page"})
    return form, rows, query


@secretariat_only
@require_safe
def desk(request, slug):
    programme = programme_by_slug(slug=slug)
    form, rows, query = _filtered(request, programme)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.risks = risk_names(row)
    return render(
        request,
        "incubation/desk/desk.html",
        {
            "programme": programme,
            "filter_form": form,
            "page": page,
            "query_string": query,
            "interval_weeks": interval_weeks_of(programme),
        },
    )


@secretariat_only
@require_safe
def desk_csv(request, slug):
    programme = programme_by_slug(slug=slug)
    _form, rows, _query = _filtered(request, programme)

    def header():
        return [
            _("Challenge"),
            _("Teams"),
            _("State"),
            _("Last activity (UTC)"),
            _("Next meeting (UTC)"),
            _("Milestones done"),
            _("Milestones in all"),
            _("Last check-in confidence"),
            _("Risks"),
        ]

    def lines():
        for row in rows:
            yield [
                row.challenge.title,
                "; ".join(team.organisation.name for team in row.teams.all()),
                row.get_state_display(),
                utc(row.last_activity_at),
                utc(row.next_meeting_at),
                row.milestones_done,
                row.milestones_total,
                row.last_confidence,
                "; ".join(risk_names(row)),
            ]

    return csv_response(name=f"{programme.slug}-incubations", header=header, rows=lines)


@secretariat_only
@require_safe
def checkins(request, slug):
    programme = programme_by_slug(slug=slug)
    page = checkins_page(
        programme=programme, now=timezone.now(), page_number=request.GET.get("page")
    )
    for incubation in page:
        incubation.risks = risk_names(incubation)
    return render(
        request,
        "incubation/desk/checkins.html",
        {"programme": programme, "page": page, "query_string": ""},
    )


@secretariat_only
def checkin_answer_view(request, checkin_pk):
    checkin = checkin_for_desk(pk=checkin_pk)
    form = CheckInAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        audience = Audience()
        try:
            checkin_answer(
                checkin=checkin,
                by=request.user,
                answer=form.cleaned_data["answer"],
                told=audience,
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("Your answer to %(team)s is saved.") % {"team": checkin.team.organisation.name}
            messages.success(request, f"{done} {told(audience)}")
            return redirect("incubation:desk_checkins", slug=checkin.incubation.programme.slug)
    return render(
        request,
        "incubation/desk/checkin_answer.html",
        {"checkin": checkin, "form": form},
        status=400 if form.errors else 200,
    )


@secretariat_only
def interval(request, slug):
    programme = programme_by_slug(slug=slug)
    form = IntervalForm(
        request.POST or None, initial={"interval_weeks": interval_weeks_of(programme)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            checkin_interval_set(programme=programme, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("The check-in interval is saved."))
            return redirect("incubation:desk", slug=programme.slug)
    return render(
        request,
        "incubation/desk/interval.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )

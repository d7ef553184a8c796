"""A team's check-ins in its incubation, and the closing reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubation.access import checkin_team_ids
from incubation.forms.checkins import CheckInForm
from incubation.forms.closing import ClosingReportForm
from incubation.selectors.checkins import checkins_of, open_request_of
from incubation.selectors.closing import reports_of
from incubation.selectors.workspace import team_of, teams_of
from incubation.services.checkins import checkin_send
from incubation.services.closing import REPORT_TEXTS, closing_report_save
from incubation.views.common import members_only, page, workspace_view
from incubator.forms.errors import form_errors_add
from incubator.views.confirmation import form_receiver


def _checkins_page(request, incubation, *, failed=None, failed_team=None):
    readable = checkin_team_ids(request.user, incubation, request.standing)
    forms = []
    for team in request.my_teams:
        form = failed if team == failed_team else CheckInForm(prefix=f"team-{team.pk}")
        forms.append((team, form, open_request_of(team=team)))
    return page(
        request,
        incubation,
        "incubation/checkins.html",
        {
            "checkins": checkins_of(incubation=incubation, team_ids=readable),
            "team_forms": forms,
            "form": failed,
        },
        section="checkins",
    )


@workspace_view
@require_safe
def checkin_list(request, incubation):
    return _checkins_page(request, incubation)


@form_receiver("incubation:checkins", pk="pk")
@workspace_view
@members_only
def checkin_send_view(request, incubation, team_pk):
    team = team_of(incubation=incubation, pk=team_pk)
    if team is None or team not in request.my_teams:
        raise Http404
    form = CheckInForm(request.POST, prefix=f"team-{team.pk}")
    if form.is_valid():
        try:
            checkin_send(team=team, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("The check-in of %(team)s is sent to the secretariat.")
                % {"team": team.organisation.name},
            )
            return redirect("incubation:checkins", pk=incubation.pk)
    return _checkins_page(request, incubation, failed=form, failed_team=team)


# Closing -----------------------------------------------------------------------------------


def _closing_page(request, incubation, *, failed=None, failed_team=None):
    reports = reports_of(incubation=incubation)
    forms = []
    if incubation.state == "closing":
        for team in request.my_teams:
            report = reports.get(team.pk)
            initial = (
                {name: getattr(report, name) for name in (*REPORT_TEXTS, "written_in")}
                | {"share_on_showcase": report.share_on_showcase}
                if report
                else {"written_in": get_language()}
            )
            form = failed if team == failed_team else None
            forms.append(
                (team, form or ClosingReportForm(prefix=f"team-{team.pk}", initial=initial))
            )
    return page(
        request,
        incubation,
        "incubation/closing.html",
        {
            "reports": [reports[team.pk] for team in teams_of(incubation) if team.pk in reports],
            "team_forms": forms,
            "form": failed,
        },
        section="closing",
    )


@workspace_view
@require_safe
def closing(request, incubation):
    if incubation.state not in ("closing", "closed"):
        raise Http404
    return _closing_page(request, incubation)


@form_receiver("incubation:closing", pk="pk")
@workspace_view
@members_only
def closing_report(request, incubation, team_pk):
    if incubation.state not in ("closing", "closed"):
        raise Http404
    team = team_of(incubation=incubation, pk=team_pk)
    if team is None or team not in request.my_teams:
        raise Http404
    form = ClosingReportForm(request.POST, prefix=f"team-{team.pk}")
    if form.is_valid():
        try:
            closing_report_save(team=team, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _(
                    "The closing report of %(team)s is saved. It fills in your follow-up "
                    "surveys, ready for you to check."
                )
                % {"team": team.organisation.name},
            )
            return redirect("incubation:closing", pk=incubation.pk)
    return _closing_page(request, incubation, failed=form, failed_team=team)

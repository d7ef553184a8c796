"""A person's incubations, one incubation's overview, and a team's working hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubation.forms.plan import HoursForm
from incubation.hours import hours_shared_this_week
from incubation.selectors.workspace import my_incubations, overview_of, team_of, teams_of
from incubation.services.hours import working_hours_set
from incubation.views.common import members_only, page, workspace_view
from incubator.access import is_secretariat
from incubator.forms.errors import form_errors_add


@login_required
@require_safe
def mine(request):
    now = timezone.now()
    zone = timezone.get_current_timezone_name()
    cards = my_incubations(user=request.user, now=now)
    for card in cards:
        card.shared = hours_shared_this_week(card.incubation.teams.all(), now=now, zone=zone)
    return render(
        request,
        "incubation/mine.html",
        {"cards": cards, "secretariat": is_secretariat(request.user)},
    )


@workspace_view
@require_safe
def overview(request, incubation):
    now = timezone.now()
    card = overview_of(incubation=incubation, user=request.user, now=now)
    shared = hours_shared_this_week(
        teams_of(incubation), now=now, zone=timezone.get_current_timezone_name()
    )
    return page(
        request,
        incubation,
        "incubation/overview.html",
        {"card": card, "shared": shared, "today": now.date()},
        section="overview",
    )


@workspace_view
@members_only
def hours(request, incubation, team_pk):
    team = team_of(incubation=incubation, pk=team_pk)
    if team is None or team not in request.my_teams:
        raise Http404
    form = HoursForm(
        request.POST or None,
        zone=team.organisation.time_zone,
        initial={
            "weekdays": team.weekdays,
            "day_starts": team.day_starts,
            "day_ends": team.day_ends,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            working_hours_set(team=team, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("The working hours of %(team)s are saved. New meeting proposals use them.")
                % {"team": team.organisation.name},
            )
            return redirect("incubation:overview", pk=incubation.pk)
    return page(
        request,
        incubation,
        "incubation/hours.html",
        {"form": form, "team": team},
        section="overview",
    )

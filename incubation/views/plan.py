"""The joint work plan: reading it with its history, changing it, a team agreeing to it,
and the milestones (added, changed, marked done, their file)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubation.forms.plan import MilestoneDoneForm, MilestoneForm, PlanForm
from incubation.selectors.plan import milestone_of, milestones_of, plan_history
from incubation.selectors.workspace import team_of, teams_of
from incubation.services.plan import (
    milestone_add,
    milestone_change,
    milestone_complete,
    plan_agree,
    plan_update,
)
from incubation.services.workspace import incubation_activate
from incubation.views.common import members_only, page, workspace_view
from incubator.audience import Audience, told
from incubator.downloads import file_download
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.views.confirmation import form_receiver


@workspace_view
@require_safe
def plan(request, incubation):
    return page(
        request,
        incubation,
        "incubation/plan.html",
        {
            "milestones": milestones_of(incubation=incubation),
            "history": plan_history(incubation=incubation),
            "today": timezone.localdate(),
        },
        section="plan",
    )


@workspace_view
@members_only
def plan_edit(request, incubation):
    teams = teams_of(incubation)
    initial = {"goal": incubation.goal, "deliverables": incubation.deliverables}
    initial.update({f"brings_{team.pk}": team.brings for team in teams})
    form = PlanForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        audience = Audience()
        try:
            changed = plan_update(
                incubation=incubation,
                by=request.user,
                goal=form.cleaned_data["goal"],
                deliverables=form.cleaned_data["deliverables"],
                brings=form.brings(),
                told=audience,
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("The plan is saved: the other teams are asked to agree to it.")
            messages.success(
                request,
                f"{done} {told(audience)}" if changed else _("Nothing changed in the plan."),
            )
            return redirect("incubation:plan", pk=incubation.pk)
    return page(request, incubation, "incubation/plan_form.html", {"form": form}, section="plan")


@form_receiver("incubation:plan", pk="pk")
@workspace_view
@members_only
def plan_agree_view(request, incubation, team_pk):
    team = team_of(incubation=incubation, pk=team_pk)
    if team is None:
        raise Http404
    try:
        plan_agree(incubation=incubation, team=team, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request,
            _("%(team)s agrees to the plan as it stands.") % {"team": team.organisation.name},
        )
    return redirect("incubation:plan", pk=incubation.pk)


@form_receiver("incubation:overview", pk="pk")
@workspace_view
@members_only
def activate(request, incubation):
    audience = Audience()
    try:
        incubation_activate(incubation=incubation, by=request.user, told=audience)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, f"{_('The work has started.')} {told(audience)}")
    return redirect("incubation:overview", pk=incubation.pk)


def _milestone_form(request, incubation, *, milestone=None):
    teams = teams_of(incubation)
    initial = (
        {
            "title": milestone.title,
            "team": milestone.team_id,
            "due_on": milestone.due_on,
            "details": milestone.details,
            "state": milestone.state,
        }
        if milestone
        else {"team": request.my_teams[0].pk if request.my_teams else None}
    )
    return MilestoneForm(
        request.POST or None, teams=teams, with_state=milestone is not None, initial=initial
    )


@workspace_view
@members_only
def milestone_new(request, incubation):
    return _milestone_page(request, incubation, milestone=None)


@workspace_view
@members_only
def milestone_edit(request, incubation, milestone_pk):
    milestone = milestone_of(incubation=incubation, pk=milestone_pk)
    return _milestone_page(request, incubation, milestone=milestone)


def _milestone_page(request, incubation, *, milestone):
    """Adding a milestone and changing one: the same form, the service that fits."""
    form = _milestone_form(request, incubation, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        team = team_of(incubation=incubation, pk=data.pop("team"))
        try:
            if milestone is None:
                milestone_add(incubation=incubation, by=request.user, team=team, **data)
            else:
                milestone_change(milestone=milestone, by=request.user, team=team, **data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            done = _("The milestone is added to the plan.") if milestone is None else None
            messages.success(request, done or _("The milestone is saved."))
            return redirect("incubation:plan", pk=incubation.pk)
    context = {"form": form, "milestone": milestone}
    return page(request, incubation, "incubation/milestone_form.html", context, section="plan")


@workspace_view
@members_only
def milestone_done(request, incubation, milestone_pk):
    milestone = milestone_of(incubation=incubation, pk=milestone_pk)
    form = MilestoneDoneForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        audience = Audience()
        try:
            milestone_complete(
                milestone=milestone,
                by=request.user,
                note=form.cleaned_data["note"],
                link=form.cleaned_data["link"],
                upload=form.cleaned_data["file"],
                told=audience,
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(request, f"{_('The milestone is done.')} {told(audience)}")
            return redirect("incubation:plan", pk=incubation.pk)
    return page(
        request,
        incubation,
        "incubation/milestone_done.html",
        {"form": form, "milestone": milestone},
        section="plan",
    )


@workspace_view
@require_safe
def milestone_file(request, incubation, milestone_pk):
    milestone = milestone_of(incubation=incubation, pk=milestone_pk)
    return file_download(milestone.done_file, filename=milestone.done_file_name)

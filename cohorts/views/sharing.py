"""What cohort members share with each other: resources (files and links tagged by
theme, searchable) and the opportunities board."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from cohorts.access import (
    may_remove_opportunity,
    may_remove_resource,
    member_cohorts,
    visible_cohorts,
)
from cohorts.forms import OpportunityForm, ResourceForm, ResourceSearchForm
from cohorts.models import Cohort, OpportunityKind
from cohorts.selectors import (
    member_teams,
    opportunities_on_board,
    resource_for_viewer,
    resources_for_viewer,
    themes_to_filter_by,
)
from cohorts.services import opportunity_post, resource_share
from cohorts.views.common import PAGE_SIZE
from incubator.downloads import file_download
from incubator.forms.errors import form_errors_add


def _with_cohort_choice(form: forms.Form, cohorts: QuerySet[Cohort]) -> None:
    """A person in several cohorts says which one they share with."""
    if len(cohorts) > 1:
        form.fields = {
            "cohort": forms.ModelChoiceField(
                label=gettext_lazy("Cohort"), queryset=cohorts, empty_label=None
            ),
            **form.fields,
        }


# Resources -------------------------------------------------------------------------------


@login_required
@require_safe
def resource_list(request):
    themes = themes_to_filter_by()
    form = ResourceSearchForm(request.GET or None, themes=themes)
    words, theme = "", ""
    if form.is_bound and form.is_valid():
        words, theme = form.cleaned_data["q"], form.cleaned_data["theme"]
    resources = resources_for_viewer(user=request.user, words=words, theme=theme)
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    for resource in page:
        resource.removable = may_remove_resource(request.user, resource)
    query = {name: value for name, value in (("q", words), ("theme", theme)) if value}
    return render(
        request,
        "cohorts/resources/list.html",
        {
            "form": form,
            "page": page,
            "query_string": "&".join(f"{k}={v}" for k, v in query.items()),
            "searching": bool(query),
            "in_a_cohort": visible_cohorts(user=request.user).exists(),
            "can_share": member_cohorts(user=request.user).exists(),
        },
    )


@login_required
def resource_new(request):
    def share(*, cohort, data):
        resource_share(
            cohort=cohort,
            by=request.user,
            organisation=data["organisation"],
            title=data["title"],
            description=data["description"],
            themes=data["themes"],
            url=data["url"],
            upload=data["file"],
        )
        return _("“%(title)s” is shared.") % {"title": data["title"]}

    return _post_for_a_team(
        request, ResourceForm, share, "cohorts/resources/form.html", "cohorts:resources"
    )


@login_required
@require_safe
def resource_file(request, pk):
    resource = resource_for_viewer(user=request.user, pk=pk)
    return file_download(resource.file, filename=resource.original_name)


# Opportunities ---------------------------------------------------------------------------


@login_required
@require_safe
def opportunity_list(request):
    opportunities = opportunities_on_board(user=request.user)
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    for opportunity in page:
        opportunity.removable = may_remove_opportunity(request.user, opportunity)
    return render(
        request,
        "cohorts/opportunities/list.html",
        {
            "page": page,
            "kinds": dict(OpportunityKind.choices),
            "in_a_cohort": visible_cohorts(user=request.user).exists(),
            "can_post": member_cohorts(user=request.user).exists(),
        },
    )


@login_required
def opportunity_new(request):
    def post(*, cohort, data):
        opportunity_post(
            cohort=cohort,
            organisation=data["organisation"],
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            url=data["url"],
            expires_on=data["expires_on"],
        )
        return _("“%(title)s” is on the board.") % {"title": data["title"]}

    return _post_for_a_team(
        request, OpportunityForm, post, "cohorts/opportunities/form.html", "cohorts:opportunities"
    )


def _post_for_a_team(request, form_class, service, template: str, done_url: str):
    """A member shares something in the name of one of their teams, in one of their
    cohorts: the form, the service's refusals on it, and the page it leads back to."""
    cohorts = member_cohorts(user=request.user).order_by("-created_at", "-pk")
    if not cohorts:
        return render(request, "cohorts/not_a_member.html", status=403)
    files = request.FILES or None if request.method == "POST" else None
    form = form_class(request.POST or None, files, teams=member_teams(user=request.user))
    _with_cohort_choice(form, cohorts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = service(cohort=data.get("cohort") or cohorts[0], data=data)
        except PermissionDenied as error:
            form_errors_add(form, error, field="organisation")
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, done)
            return redirect(done_url)
    return render(request, template, {"form": form}, status=400 if form.errors else 200)

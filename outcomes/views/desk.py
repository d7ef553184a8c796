"""The secretariat's side of outcomes: the queue of stories to approve or send back,
and the answers to the follow-up surveys per programme."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from challenges.models import LifecycleStage
from incubator.access import secretariat_required
from incubator.forms.errors import form_errors_add
from incubator.models import Programme
from outcomes.forms import RejectForm
from outcomes.models import StoryState
from outcomes.selectors import (
    programmes_with_surveys,
    stories_for_desk,
    story_for_desk,
    survey_answers,
    survey_figures,
)
from outcomes.services import story_approve, story_reject

PAGE_SIZE = 20


@secretariat_required
@require_safe
def story_queue(request):
    state = request.GET.get("state")
    if state not in StoryState.values or state == StoryState.DRAFT:
        state = StoryState.SUBMITTED
    page = Paginator(stories_for_desk(state=state), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/desk/queue.html",
        {
            "page": page,
            "state": state,
            "states": [s for s in StoryState if s != StoryState.DRAFT],
            "query_string": f"state={state}",
        },
    )


@secretariat_required
def story_detail(request, pk):
    story = story_for_desk(pk=pk)
    form = RejectForm()
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                story_approve(story=story, by=request.user)
                messages.success(request, _("The story is published on the showcase."))
                return redirect("outcomes:story_queue")
            form = RejectForm(request.POST)
            if decision == "reject" and form.is_valid():
                story_reject(story=story, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("The story is sent back to its team."))
                return redirect("outcomes:story_queue")
            if decision != "reject":
                form.add_error(None, _("Choose to publish the story or to send it back."))
        except ValidationError as error:
            form_errors_add(form, error)
    return render(
        request,
        "outcomes/desk/story.html",
        {"story": story, "form": form},
        status=400 if form.errors else 200,
    )


@secretariat_required
@require_safe
def survey_programmes(request):
    return render(
        request, "outcomes/desk/survey_programmes.html", {"programmes": programmes_with_surveys()}
    )


@secretariat_required
@require_safe
def survey_answer_list(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    page = Paginator(survey_answers(programme), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/desk/survey_answers.html",
        {
            "programme": programme,
            "page": page,
            "figures": survey_figures(programme),
            "stage_names": dict(LifecycleStage.choices),
        },
    )

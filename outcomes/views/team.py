"""A team's side of outcomes: its consent to the showcase, the stories it writes about
its matches, and its answers to the follow-up surveys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubation.selectors.closing import closing_report_for
from incubator.forms.errors import form_errors_add, refusal_text
from incubator.models import Programme
from incubator.selectors.organisations import organisation_for_member
from incubator.views.confirmation import form_receiver
from outcomes.forms import StoryForm, SurveyForm
from outcomes.selectors import match_for_team, story_of, survey_for_member, team_rounds
from outcomes.services import consent_give, consent_withdraw, story_save, survey_answer

STORY_FIELDS = ("title", "expectations", "learned", "pain_points", "written_in")


@login_required
@require_safe
def my_outcomes(request):
    return render(request, "outcomes/team/home.html", {"rounds": team_rounds(user=request.user)})


@login_required
@form_receiver("outcomes:mine")
def consent(request, organisation_pk, slug):
    organisation = organisation_for_member(user=request.user, pk=organisation_pk)
    programme = get_object_or_404(Programme, slug=slug)
    choice = request.POST.get("consent")
    if choice not in ("give", "withdraw"):
        return HttpResponseBadRequest(_("Choose to give or to withdraw consent."))
    names = {"team": organisation.name, "programme": programme.name_shown}
    try:
        if choice == "give":
            consent_give(programme=programme, organisation=organisation, by=request.user)
            messages.success(
                request,
                _(
                    "%(team)s agrees to appear on the showcase of %(programme)s. Each match "
                    "is shown once its other team agrees too."
                )
                % names,
            )
        else:
            consent_withdraw(programme=programme, organisation=organisation, by=request.user)
            messages.success(
                request,
                _("%(team)s no longer appears on the showcase of %(programme)s.") % names,
            )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
    return redirect("outcomes:mine")


@login_required
def story_edit(request, match_pk, organisation_pk):
    match, organisation = match_for_team(
        user=request.user, match_pk=match_pk, organisation_pk=organisation_pk
    )
    story = story_of(match=match, organisation=organisation)
    context = {"match": match, "organisation": organisation, "story": story}
    if story is not None and not story.is_editable:
        return render(request, "outcomes/team/story.html", context)
    submitting = "submit" in request.POST
    initial = (
        {name: getattr(story, name) for name in STORY_FIELDS}
        if story
        else _story_start(match, organisation)
    )
    form = StoryForm(request.POST or None, initial=initial, submitting=submitting)
    if request.method == "POST" and form.is_valid():
        try:
            story = story_save(
                match=match,
                organisation=organisation,
                by=request.user,
                submit=submitting,
                **form.cleaned_data,
            )
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request,
                _("Your story is sent to the secretariat for approval.")
                if submitting
                else _("Your draft is saved."),
            )
            return redirect("outcomes:mine")
    return render(
        request,
        "outcomes/team/story_form.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


def _story_start(match, organisation) -> dict:
    """A new story starts from the team's closing report, if it wrote one."""
    report = closing_report_for(challenge_id=match.challenge_id, organisation=organisation)
    if report is None:
        return {"written_in": get_language()}
    return {
        "learned": f"{report.what_changed}\n\n{report.keep_doing}".strip(),
        "written_in": report.written_in,
    }


@login_required
def survey_answer_view(request, pk):
    survey = survey_for_member(user=request.user, pk=pk)
    answers = ("stage_reached", "what_changed", "advice")
    initial = {name: getattr(survey, name) for name in answers} if survey.is_answered else {}
    report = None
    if not survey.is_answered:
        # The team's closing report fills in what it already said; the team checks it.
        report = closing_report_for(
            challenge_id=survey.match.challenge_id, organisation=survey.organisation
        )
        if report is not None:
            initial = {"what_changed": report.what_changed, "advice": report.advice}
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(survey=survey, by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("Thank you: your team's answers are saved."))
            return redirect("outcomes:mine")
    match = survey.match
    is_owner = survey.organisation_id == match.challenge.organisation_id
    return render(
        request,
        "outcomes/team/survey.html",
        {
            "survey": survey,
            "match": match,
            "partner": match.solution.organisation if is_owner else match.challenge.organisation,
            "form": form,
            "from_report": report is not None,
        },
        status=400 if form.errors else 200,
    )

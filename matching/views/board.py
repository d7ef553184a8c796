"""The secretariat's matching pages: start a run and follow it, and the board where each
challenge's proposed pairs and best candidates are explained and decided on."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from incubator.access import secretariat_required
from incubator.models import Programme, Theme
from incubator.translated import shown
from matching.engine.model import COMPONENTS, Weights
from matching.models import Match
from matching.reasons import passed_over_text, reason_text
from matching.selectors import board_challenges, candidates_for, latest_finished_run, runs_of
from matching.services import (
    match_confirm,
    match_lock,
    match_reject,
    match_run_start,
    pair_exclude,
)

BOARD_PAGE_SIZE = 20
CANDIDATES_SHOWN = 5
COMPONENT_LABELS = {
    "text": gettext_lazy("Similar descriptions"),
    "themes": gettext_lazy("Shared themes"),
    "languages": gettext_lazy("Shared languages"),
    "hours": gettext_lazy("Shared working hours"),
    "interest": gettext_lazy("Provider's stated interest"),
    "review": gettext_lazy("Review score"),
}


class RunForm(forms.Form):
    """The weight of each score component; any non-negative numbers, scaled to sum to 1."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        defaults = Weights()
        for name in COMPONENTS:
            self.fields[name] = forms.DecimalField(
                label=COMPONENT_LABELS[name],
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=getattr(defaults, name),
            )

    def clean(self):
        cleaned = super().clean()
        if all(name in cleaned for name in COMPONENTS) and not any(
            cleaned[name] for name in COMPONENTS
        ):
            raise ValidationError(_("Give at least one component a weight above zero."))
        return cleaned

    def weights(self) -> dict[str, float]:
        return {name: float(self.cleaned_data[name]) for name in COMPONENTS}


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


@secretariat_required
def runs(request, slug):
    programme = _programme(slug)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = match_run_start(
                programme=programme, by=request.user, weights=form.weights(), params={}
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("matching:run", slug=slug, pk=run.pk)
    return render(
        request,
        "matching/runs.html",
        {"programme": programme, "form": form, "runs": runs_of(programme)[:20]},
        status=400 if form.errors else 200,
    )


@secretariat_required
@require_safe
def run_detail(request, slug, pk):
    programme = _programme(slug)
    run = get_object_or_404(runs_of(programme), pk=pk)
    return render(request, "matching/run.html", {"programme": programme, "run": run})


def _explained(match: Match, themes: dict, titles: dict, names: dict) -> dict:
    return {
        "match": match,
        "reasons": [reason_text(reason, themes) for reason in match.reasons],
        "passed_over": [passed_over_text(entry, titles, names) for entry in match.passed_over],
    }


@secretariat_required
@require_safe
def board(request, slug):
    programme = _programme(slug)
    page = Paginator(board_challenges(programme), BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    challenges = list(page.object_list)
    run = latest_finished_run(programme)
    candidates = candidates_for(run, challenges, CANDIDATES_SHOWN) if run else {}
    themes = dict(Theme.objects.values_list("slug", shown("name")))
    # Names for "why a better candidate went elsewhere", from what this page already holds.
    titles = {challenge.pk: challenge.title for challenge in challenges}
    names = {}
    for challenge in challenges:
        for match in challenge.matches.all():
            names[match.solution_id] = match.solution.organisation.name
        for candidate in candidates.get(challenge.pk, []):
            names[candidate.solution_id] = candidate.solution.organisation.name
    rows = [
        {
            "challenge": challenge,
            "matches": [
                _explained(match, themes, titles, names) for match in challenge.matches.all()
            ],
            "candidates": candidates.get(challenge.pk, []),
            "matched_ids": {match.solution_id for match in challenge.matches.all()},
        }
        for challenge in challenges
    ]
    return render(
        request,
        "matching/board.html",
        {
            "programme": programme,
            "page": page,
            "rows": rows,
            "run": run,
            "component_labels": COMPONENT_LABELS,
        },
    )


ACTIONS = {
    "lock": lambda match, by: match_lock(match=match, by=by, locked=True),
    "unlock": lambda match, by: match_lock(match=match, by=by, locked=False),
    "confirm": lambda match, by: match_confirm(match=match, by=by),
    "reject": lambda match, by: match_reject(match=match, by=by),
    "exclude": lambda match, by: pair_exclude(match=match, by=by),
}
DONE = {
    "lock": gettext_lazy("The pair is locked: every later run keeps it."),
    "unlock": gettext_lazy("The pair is unlocked."),
    "confirm": gettext_lazy("The pair is confirmed. Both teams are introduced by email."),
    "reject": gettext_lazy("The pair is rejected."),
    "exclude": gettext_lazy("The pair is excluded: no run will propose it again."),
}


@secretariat_required
@require_POST
def match_action(request, slug, pk, action):
    programme = _programme(slug)
    match = get_object_or_404(Match.objects.filter(programme=programme), pk=pk)
    if action not in ACTIONS:
        return redirect("matching:board", slug=slug)
    try:
        ACTIONS[action](match, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[action])
    page = request.POST.get("page", "")
    suffix = f"?page={page}" if page.isdigit() else ""
    board_url = reverse("matching:board", kwargs={"slug": slug})
    return redirect(f"{board_url}{suffix}#c{match.challenge_id}")

"""The secretariat's matching pages: start a run and follow it. The board is in
matching.views.summary, one challenge's pairs in matching.views.challenge and the
decisions on a pair in matching.views.decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.forms.errors import form_errors_add
from incubator.models import Programme
from matching.access import run_of_round
from matching.engine.model import COMPONENTS, Weights
from matching.selectors import run_params, runs_of
from matching.services import (
    match_run_start,
)

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


def text_blend(stored_params: dict) -> dict[str, int]:
    """The shares, in percent, of word overlap and meaning in "similar descriptions"."""
    meaning = round(100 * run_params(stored_params).text_blend)
    return {"words": 100 - meaning, "meaning": meaning}


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
            form_errors_add(form, error)
        else:
            return redirect("matching:run", slug=slug, pk=run.pk)
    return render(
        request,
        "matching/runs.html",
        {
            "programme": programme,
            "form": form,
            "runs": runs_of(programme)[:20],
            "text_blend": text_blend({}),
        },
        status=400 if form.errors else 200,
    )


@secretariat_required
@require_safe
def run_detail(request, slug, pk):
    programme = _programme(slug)
    run = run_of_round(programme=programme, pk=pk)
    weights = Weights(**run.weights).normalised().as_dict() if run.weights else {}
    return render(
        request,
        "matching/run.html",
        {
            "programme": programme,
            "run": run,
            "weights": [(COMPONENT_LABELS[name], round(100 * w)) for name, w in weights.items()],
            "text_blend": text_blend(run.params),
        },
    )

"""The matching board at the scale of a round: one table of every challenge with its
proposed providers, state, best score and flags, filtered by state and theme and
searched by name; each challenge's explanations and decisions are on its own page."""

from collections import Counter

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.selectors.programmes import programme_by_slug, themes_in_order
from matching.round_board import BoardState, board_rows
from matching.selectors import latest_finished_run


class BoardFilter(forms.Form):
    q = forms.CharField(label=_("Challenge or team name"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *BoardState.choices]
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("Any theme")),
            *((theme.slug, theme.name) for theme in themes),
        ]


@secretariat_required
@require_safe
def board(request, slug):
    programme = programme_by_slug(slug=slug)
    run = latest_finished_run(programme)
    themes = list(themes_in_order())
    form = BoardFilter(request.GET or None, themes=themes)
    wanted = form.cleaned_data if form.is_valid() else {}
    rows = board_rows(
        programme=programme,
        run=run,
        query=wanted.get("q", "").strip(),
        state=wanted.get("state", ""),
        theme=wanted.get("theme", ""),
    )
    states = Counter(row.state for row in rows)
    return render(
        request,
        "matching/board.html",
        {
            "programme": programme,
            "run": run,
            "form": form,
            "filtered": bool(wanted and any(wanted.values())),
            "rows": rows,
            "state_counts": [(state, states[state]) for state in BoardState if states[state]],
        },
    )

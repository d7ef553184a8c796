"""The matching board at the scale of a round: its challenges a page at a time, with
their proposed providers, state, best score and flags, filtered by state and theme and
searched by name; each challenge's explanations and decisions are on its own page."""

from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.selectors.programmes import programme_by_slug, themes_in_order
from matching.round_board import board_page
from matching.round_states import BoardState
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
    board = board_page(
        programme=programme,
        run=run,
        query=wanted.get("q", "").strip(),
        state=wanted.get("state", ""),
        theme=wanted.get("theme", ""),
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "matching/board.html",
        {
            "programme": programme,
            "run": run,
            "form": form,
            "filtered": bool(wanted and any(wanted.values())),
            "page": board.page,
            # The filters the page links keep.
            "query_string": urlencode({key: value for key, value in wanted.items() if value}),
            "state_counts": board.state_counts,
            "counted_at": board.counted_at,
        },
    )

"""One challenge on the matching board: its proposed and confirmed pairs with why each
was proposed, why better-scored candidates went elsewhere and why weaker ones were not
proposed, its best candidates, and the buttons that decide on each pair."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from incubator.access import secretariat_required
from incubator.selectors.programmes import programme_by_slug, theme_names
from matching.access import board_challenge
from matching.models import Match
from matching.reasons import alternate_text, passed_over_text, reason_text
from matching.round_board import explanation_names
from matching.selectors import candidates_for, latest_finished_run
from matching.views.board import COMPONENT_LABELS

CANDIDATES_SHOWN = 5


def _explained(match: Match, themes: dict, titles: dict, names: dict) -> dict:
    return {
        "match": match,
        "reasons": [reason_text(reason, themes) for reason in match.reasons],
        "passed_over": [passed_over_text(entry, titles, names) for entry in match.passed_over],
        # Alternates scoring higher are passed over, explained above; the rest lost on a
        # component, which is said. Runs stored before this was kept say nothing.
        "not_proposed": [
            alternate_text(entry, names) for entry in match.alternates if entry.get("decided_by")
        ],
    }


@secretariat_required
@require_safe
def challenge(request, slug, pk):
    programme = programme_by_slug(slug=slug)
    found = board_challenge(programme=programme, pk=pk)
    run = latest_finished_run(programme)
    candidates = candidates_for(run, [found], CANDIDATES_SHOWN)[found.pk] if run else []
    matches = list(found.matches.all())
    titles, names = explanation_names(matches=matches)
    themes = theme_names()
    return render(
        request,
        "matching/challenge.html",
        {
            "programme": programme,
            "challenge": found,
            "run": run,
            "matches": [_explained(match, themes, titles, names) for match in matches],
            "candidates": candidates,
            "matched_ids": {match.solution_id for match in matches},
            "component_labels": COMPONENT_LABELS,
        },
    )

"""The rubric offered for a call that has none yet; the secretariat edits it freely."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# name, what reviewers judge, weight, meaning of 1 to 5
DEFAULT_CRITERIA = (
    (
        _("Relevance"),
        _("How much the problem matters to the people it affects and to the programme."),
        3,
        (
            _("Marginal to the people affected and to the programme"),
            _("Matters to a few, loosely tied to the programme"),
            _("A real problem within the programme's scope"),
            _("An important problem many governments share"),
            _("A pressing problem, central to the programme"),
        ),
    ),
    (
        _("Novelty"),
        _("How much the answer would bring that the team cannot find at home."),
        2,
        (
            _("Well-known answers exist and are easy to find"),
            _("Mostly known, with a small new angle"),
            _("Some new ground for the team"),
            _("New ground for most governments"),
            _("Breaks new ground internationally"),
        ),
    ),
    (
        _("Feasibility"),
        _("Whether the work can succeed within the incubation, given the constraints."),
        2,
        (
            _("Cannot succeed as described"),
            _("Major obstacles with no plan to meet them"),
            _("Achievable with real effort"),
            _("Clear path, manageable risks"),
            _("Ready to start, risks well understood"),
        ),
    ),
    (
        _("Transferability"),
        _("How well what is learned would travel to other governments and contexts."),
        2,
        (
            _("Only useful in this one context"),
            _("Useful to very similar bodies only"),
            _("Useful to several governments with adaptation"),
            _("Readily useful to many governments"),
            _("Useful almost anywhere, with little adaptation"),
        ),
    ),
    (
        _("Commitment"),
        _("The team's time, mandate and leadership support to see it through."),
        1,
        (
            _("No time or mandate shown"),
            _("Interest, but no time set aside"),
            _("Time set aside by the team"),
            _("Time and a clear mandate"),
            _("Time, mandate and visible leadership support"),
        ),
    ),
)


def default_rows() -> list[dict]:
    """The defaults as the rubric form's initial rows, in English and in French (from the
    catalog), whatever the language of the person setting up the rubric."""
    rows = []
    for name, description, weight, anchors in DEFAULT_CRITERIA:
        with translation.override("en"):
            row = {"name": str(name), "description": str(description), "weight": weight}
            row |= {f"anchor_{point}": str(text) for point, text in enumerate(anchors, start=1)}
        with translation.override("fr"):
            row |= {"name_fr": str(name), "description_fr": str(description)}
            row |= {f"anchor_fr_{point}": str(text) for point, text in enumerate(anchors, start=1)}
        rows.append(row)
    return rows

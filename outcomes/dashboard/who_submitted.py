"""Who submitted: the programme's submitted challenges and solution proposals counted by
their owner team's country, continent and level of government, and by theme."""

from collections import defaultdict

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from incubator.models import Programme, Theme
from incubator.models.organisations import Level
from incubator.regions import REGION_NAMES, region_of
from incubator.translated import shown
from outcomes.charts import Bar, bar_chart
from outcomes.dashboard.figures import Figure, Row, Section, count_cells, programme_calls
from outcomes.dashboard.funnel import EVER_SUBMITTED, SUBMISSION_MODELS

# Each tally: submissions per group, one count per kind of submission.
Tally = dict[str, list[int]]


def _kind_columns() -> list[str]:
    return [capfirst(str(model._meta.verbose_name_plural)) for model in SUBMISSION_MODELS]


def _tally_figure(
    *, key: str, caption: str, heading: str, chart_title: str, counts: Tally, with_total=True
) -> Figure:
    """A table of submissions per group (one column per kind, then all kinds), most
    first; ``counts`` maps each group's name to its count per kind."""
    ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
    rows = [Row(name, count_cells([*values, sum(values)])) for name, values in ordered]
    footer = None
    if with_total:
        totals = [
            sum(values[i] for values in counts.values()) for i in range(len(SUBMISSION_MODELS))
        ]
        footer = Row(_("All submissions"), count_cells([*totals, sum(totals)]))
    return Figure(
        key=key,
        caption=caption,
        columns=[heading, *_kind_columns(), _("All")],
        rows=rows,
        chart=bar_chart([Bar(name, name, sum(values)) for name, values in ordered]),
        chart_title=chart_title,
        footer=footer,
        empty=_("No submission yet."),
    )


def submission_counts(programme: Programme) -> dict[str, list[list]]:
    """Submitted ones per kind, owner team's country and level, and per kind and theme:
    two grouped queries per kind of submission (for outcomes/dashboard/counts.py)."""
    teams, themes = [], []
    for index, model in enumerate(SUBMISSION_MODELS):
        submitted = model.objects.filter(EVER_SUBMITTED, call__in=programme_calls(programme))
        grouped = submitted.values("organisation__country", "organisation__level").order_by()
        for country, level, n in grouped.annotate(n=Count("pk")).values_list(
            "organisation__country", "organisation__level", "n"
        ):
            teams.append([index, str(country or ""), level, n])
        grouped = submitted.values("themes__pk").annotate(n=Count("pk")).order_by()
        themes += [[index, pk, n] for pk, n in grouped.values_list("themes__pk", "n")]
    return {"teams": teams, "themes": themes}


def _tallies(counts: dict[str, list[list]]) -> dict[str, Tally]:
    """The four tallies, named in the reader's language."""
    width = len(SUBMISSION_MODELS)
    tallies: dict[str, Tally] = {
        name: defaultdict(lambda: [0] * width)
        for name in ("country", "continent", "level", "theme")
    }
    levels = {value: str(label) for value, label in Level.choices}
    not_stated = _("Not stated")
    for index, code, level, n in counts["teams"]:
        region = region_of(code)
        tallies["country"][countries.name(code) or code or not_stated][index] += n
        tallies["continent"][str(REGION_NAMES[region]) if region else not_stated][index] += n
        tallies["level"][levels.get(level, level) or not_stated][index] += n
    theme_ids = {pk for _index, pk, _n in counts["themes"] if pk is not None}
    names = dict(
        Theme.objects.filter(pk__in=theme_ids)
        .annotate(shown_name=shown("name"))
        .values_list("pk", "shown_name")
    )
    for index, pk, n in counts["themes"]:
        tallies["theme"][names.get(pk) or _("No theme")][index] += n
    return tallies


def _tally_texts() -> list[tuple[str, str, str, str]]:
    """(tally, caption, heading, chart title) of each figure, in the page's order."""
    return [
        (
            "country",
            _("Submissions by country"),
            _("Country"),
            _("Bar chart: submissions by country"),
        ),
        (
            "continent",
            _("Submissions by continent"),
            _("Continent"),
            _("Bar chart: submissions by continent"),
        ),
        (
            "level",
            _("Submissions by level of government"),
            _("Level of government"),
            _("Bar chart: submissions by level of government"),
        ),
        ("theme", _("Submissions by theme"), _("Theme"), _("Bar chart: submissions by theme")),
    ]


def submissions_section(programme: Programme, counts: dict[str, list[list]]) -> Section:
    tallies = _tallies(counts)
    return Section(
        key="submissions",
        title=_("Who submitted"),
        hint=_(
            "Submitted challenges and solution proposals (drafts left out), counted by "
            "their owner team's country, continent and level of government, and by theme. "
            "A submission with several themes counts once under each."
        ),
        figures=[
            _tally_figure(
                key=f"submissions-{name}",
                caption=caption,
                heading=heading,
                chart_title=chart_title,
                counts=tallies[name],
                # A submission with several themes counts under each: no total.
                with_total=name != "theme",
            )
            for name, caption, heading, chart_title in _tally_texts()
        ],
    )

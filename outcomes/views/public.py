"""The public showcase of a programme: matched teams that consent to be shown, their
approved stories and the countries taking part; one page per case."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from challenges.models import LifecycleStage, Sector
from incubation.selectors.closing import shared_advice
from incubator.models import Programme
from outcomes.charts import bar_chart
from outcomes.dashboard.counts import dashboard_counts
from outcomes.selectors import (
    case_partners,
    participating_countries,
    showcase_case,
    showcase_cases,
    showcase_stories,
)

PAGE_SIZE = 20
LATEST_STORIES = 6
GROUPINGS = ("country", "continent")
# Looked up once per label shown: get_FOO_display() translates every choice each call.
LABELS = {"sector_names": dict(Sector.choices), "stage_names": dict(LifecycleStage.choices)}


@require_safe
def showcase(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    by = request.GET.get("by") if request.GET.get("by") in GROUPINGS else "country"
    counted = dashboard_counts(programme)
    paginator = Paginator(showcase_cases(programme), PAGE_SIZE)
    paginator.count = counted.counts["showcase"]["cases"]  # kept: counting takes long
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/public/showcase.html",
        {
            "programme": programme,
            "page": page,
            "query_string": f"by={by}" if by != "country" else "",
            "by": by,
            "chart": bar_chart(participating_countries(counted.counts["showcase"]["teams"], by=by)),
            "counted_at": counted.counted_at,
            "stories": showcase_stories(programme)[:LATEST_STORIES],
            **LABELS,
        },
    )


@require_safe
def case_detail(request, slug, pk):
    programme = get_object_or_404(Programme, slug=slug)
    case = showcase_case(programme=programme, pk=pk)
    return render(
        request,
        "outcomes/public/case.html",
        {
            "programme": programme,
            "case": case,
            "partners": case_partners(case),
            "stories": showcase_stories(programme).filter(match=case),
            "advice": shared_advice(
                challenge_id=case.challenge_id,
                organisation_ids=[case.challenge.organisation_id, case.solution.organisation_id],
            ),
        },
    )

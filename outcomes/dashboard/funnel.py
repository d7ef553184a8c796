"""The funnel per call: how many submissions reached each stage, from draft to selection.
Also what "ever submitted" means, which the other sections count by."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from challenges.models import Challenge
from incubator.models import Call, Programme
from outcomes.charts import Bar, bar_chart
from outcomes.dashboard.figures import Cell, Figure, Row, Section, programme_calls
from reviews.models import ReviewItem
from solutions.models import Solution
from submissions.models import SubmissionState

S = SubmissionState
SUBMISSION_MODELS = (Challenge, Solution)

# Ever submitted: anything but a draft, and but a draft its team withdrew unsubmitted
# (which has no time of submission).
EVER_SUBMITTED = ~Q(status=S.DRAFT) & ~Q(status=S.WITHDRAWN, submitted_at__isnull=True)
# States a submission reaches only by passing screening.
PAST_SCREENING = (S.IN_REVIEW, S.SHORTLISTED, S.SELECTED)


def funnel_stages() -> list[tuple[str, str, str]]:
    """(key, name, definition) of each stage, in order; the page shows the definitions."""
    return [
        ("drafts", _("Drafts"), _("Still a draft: never submitted, not withdrawn.")),
        (
            "submitted",
            _("Submitted"),
            _(
                "Ever submitted, whatever happened next: every submission but drafts and "
                "drafts withdrawn before they were submitted."
            ),
        ),
        (
            "screened",
            _("Passed screening"),
            _(
                "Submitted and found eligible: now in review, shortlisted or selected, or "
                "taken into review before being declined or withdrawn. Submissions declined "
                "at screening are not counted."
            ),
        ),
        (
            "reviewed",
            _("Reviewed"),
            _("Submitted, with at least one review an advisory-board member submitted."),
        ),
        ("selected", _("Selected"), _("Selected by the secretariat.")),
    ]


def _funnel_rows(model, programme: Programme) -> list[dict]:
    """One row per call of the programme holding this kind of submission. The review
    items are read once, as a set the counts look up (never a subquery per row)."""
    items = ReviewItem.objects.filter(
        call__in=programme_calls(programme),
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
    )
    taken_into_review = Q(pk__in=items.values("object_id"))
    reviewed = Q(pk__in=items.filter(reviews_done__gt=0).values("object_id"))
    return list(
        model.objects.filter(call__in=programme_calls(programme))
        .values("call_id")
        .annotate(
            drafts=Count("pk", filter=Q(status=S.DRAFT)),
            submitted=Count("pk", filter=EVER_SUBMITTED),
            screened=Count(
                "pk",
                filter=EVER_SUBMITTED & (Q(status__in=PAST_SCREENING) | taken_into_review),
            ),
            reviewed=Count("pk", filter=EVER_SUBMITTED & reviewed),
            selected=Count("pk", filter=Q(status=S.SELECTED)),
        )
        .order_by()
    )


def funnel_counts(programme: Programme) -> list[dict]:
    """Per call, the five counts below (for outcomes/dashboard/counts.py)."""
    return [row for model in SUBMISSION_MODELS for row in _funnel_rows(model, programme)]


def funnel_section(programme: Programme, counts: list[dict]) -> Section:
    """Per call of the programme, five counts of its submissions (challenges or solution
    proposals, as the call's kind says):

    - drafts: in the draft state;
    - submitted: ever submitted (``EVER_SUBMITTED``): in any state but draft, except a
      draft withdrawn before it was submitted;
    - screened (passed screening): submitted, and in review, shortlisted or selected, or
      taken into review (it has a review item) before it was declined or withdrawn;
    - reviewed: submitted, with at least one review (assignment) submitted;
    - selected: in the selected state.

    Each stage from "submitted" on holds the next ones: a review needs a review item,
    and selection passes screening."""
    calls = Call.objects.filter(programme=programme).order_by("opens_at", "pk")
    by_call = {row["call_id"]: row for row in counts}
    stages = funnel_stages()
    figures = []
    for call in calls:
        found = by_call.get(call.pk, {})
        rows = [Row(name, [Cell(found.get(key, 0))]) for key, name, _meaning in stages]
        figures.append(
            Figure(
                key=f"funnel-{call.pk}",
                caption=_("%(call)s: from draft to selection") % {"call": call.title_shown},
                columns=[_("Stage"), _("Submissions")],
                rows=rows,
                chart=bar_chart([Bar(key, name, found.get(key, 0)) for key, name, _m in stages]),
                chart_title=_("Bar chart: submissions at each stage of %(call)s")
                % {"call": call.title_shown},
            )
        )
    return Section(
        key="funnel",
        title=_("Funnel per call"),
        hint=_(
            "Drafts are the submissions not sent yet. From “Submitted” on, a submission "
            "counts in every stage it has reached, so each stage holds the ones after it."
        ),
        figures=figures,
        definitions=[(name, meaning) for _key, name, meaning in stages],
    )

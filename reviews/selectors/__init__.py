"""Careful reads for review, by sub-domain; every name is importable from here. Each
list is a fixed number of queries however many submissions there are."""

from reviews.selectors.answers import submission_answers, submission_answers_for_secretariat
from reviews.selectors.assignments import (
    AssignmentOverview,
    assignment_on_item,
    assignment_overview,
    conflicts_of_item,
    decision_of,
    declared_conflicts,
    reviewer_loads,
    reviews_of_item,
)
from reviews.selectors.calls import (
    call_for_review,
    calls_for_review,
    criteria_of,
    has_rubric,
    item_of_call,
    items_of_call,
    phase_or_none,
    review_items_of,
    rubric_is_locked,
    submissions_taken_into_review,
    submissions_waiting_for_screening,
)
from reviews.selectors.dashboard import (
    DecisionsPage,
    Row,
    dashboard_page,
    dashboard_rows,
    decisions_page,
)
from reviews.selectors.desk import Desk, reviewer_desk
from reviews.selectors.pool import (
    addable_reviewers,
    conflicts_between,
    profile_of,
    reviewer_facts,
    reviewer_in_pool,
    reviewer_pool,
    reviewer_pool_with_loads,
)
from reviews.selectors.release import ReleasePreview, release_preview
from reviews.selectors.reviewing import (
    LateReviews,
    late_reviews,
    other_reviews,
    reviews_of_reviewer,
    scores_of,
    weighted_mean,
)
from reviews.selectors.scores import review_scores_of
from reviews.states import UNDER_REVIEW

__all__ = [
    "UNDER_REVIEW",
    "AssignmentOverview",
    "DecisionsPage",
    "Desk",
    "LateReviews",
    "ReleasePreview",
    "Row",
    "addable_reviewers",
    "assignment_on_item",
    "assignment_overview",
    "call_for_review",
    "calls_for_review",
    "conflicts_between",
    "conflicts_of_item",
    "criteria_of",
    "dashboard_page",
    "dashboard_rows",
    "decision_of",
    "decisions_page",
    "declared_conflicts",
    "has_rubric",
    "item_of_call",
    "items_of_call",
    "late_reviews",
    "other_reviews",
    "phase_or_none",
    "profile_of",
    "release_preview",
    "review_items_of",
    "review_scores_of",
    "reviewer_desk",
    "reviewer_facts",
    "reviewer_in_pool",
    "reviewer_loads",
    "reviewer_pool",
    "reviewer_pool_with_loads",
    "reviews_of_item",
    "reviews_of_reviewer",
    "rubric_is_locked",
    "scores_of",
    "submission_answers",
    "submission_answers_for_secretariat",
    "submissions_taken_into_review",
    "submissions_waiting_for_screening",
    "weighted_mean",
]

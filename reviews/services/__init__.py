"""Every write of the review, by sub-domain; every name is importable from here: the
phase and rubric of a call, reviewer profiles, assignment (automatic and by hand),
scores and declared conflicts, staged and released decisions, and the reminders."""

from reviews.services.assignment import (
    AssignmentResult,
    assignment_add,
    assignment_remove,
    assignment_run,
)
from reviews.services.decisions import (
    Release,
    decision_stage,
    decision_unstage,
    decisions_release,
)
from reviews.services.figures import item_figures_refresh
from reviews.services.phase import PHASE_FIELDS, review_phase_save
from reviews.services.pool import reviewer_profile_save
from reviews.services.reminders import review_overdue_reminders_send
from reviews.services.reviewing import conflict_declare, review_save
from reviews.services.rubric import ANCHOR_COUNT, CriterionRow, rubric_save

__all__ = [
    "ANCHOR_COUNT",
    "PHASE_FIELDS",
    "AssignmentResult",
    "CriterionRow",
    "Release",
    "assignment_add",
    "assignment_remove",
    "assignment_run",
    "conflict_declare",
    "decision_stage",
    "decision_unstage",
    "decisions_release",
    "item_figures_refresh",
    "review_overdue_reminders_send",
    "review_phase_save",
    "review_save",
    "reviewer_profile_save",
    "rubric_save",
]

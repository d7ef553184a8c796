"""Which submission states the review works on."""

from submissions.models import SubmissionState

S = SubmissionState
# Submissions that automatic assignment takes into review (and moves to “in review”).
TAKEN_INTO_REVIEW = (S.SUBMITTED, S.SCREENING, S.IN_REVIEW)
# Submissions reviewers score.
UNDER_REVIEW = (S.IN_REVIEW, S.SHORTLISTED)

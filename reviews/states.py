"""Which submission states the review works on."""

from submissions.models import SubmissionState

S = SubmissionState
# Challenges are screened in on the screening desk, which moves them to “in review”:
# automatic assignment takes only those, and leaves the ones still waiting for screening.
CHALLENGES_TAKEN_INTO_REVIEW = (S.IN_REVIEW,)
CHALLENGES_WAITING_FOR_SCREENING = (S.SUBMITTED, S.SCREENING)
# Solution proposals have no screening desk: assignment takes every proposal submitted
# and moves it to “in review” itself.
PROPOSALS_TAKEN_INTO_REVIEW = (S.SUBMITTED, S.SCREENING, S.IN_REVIEW)
# Submissions reviewers score.
UNDER_REVIEW = (S.IN_REVIEW, S.SHORTLISTED)

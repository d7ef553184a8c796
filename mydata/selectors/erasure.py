"""What stands in the way of deleting an account, and what a deleted person is called."""

from django.db.models import Exists, OuterRef

from challenges.models import Challenge
from incubator.access import teams_of
from incubator.models import Membership, Organisation, User
from solutions.models import Solution
from submissions.models import DECISIONS, SubmissionState

CLOSED = {*DECISIONS, SubmissionState.WITHDRAWN}


def teams_left_without_anyone(*, user: User) -> list[tuple[Organisation, int]]:
    """The teams this person is the last active member of that still have open
    submissions (not decided, not withdrawn), with how many: deleting the account would
    leave those submissions with nobody to answer for them."""
    others = Membership.objects.filter(organisation=OuterRef("pk"), user__is_active=True).exclude(
        user=user
    )
    last_of = teams_of(user).exclude(Exists(others))
    blocked = []
    for team in last_of:
        open_count = sum(
            model.objects.filter(organisation=team).exclude(status__in=CLOSED).count()
            for model in (Challenge, Solution)
        )
        if open_count:
            blocked.append((team, open_count))
    return blocked


def pseudonym_email(*, user: User) -> str:
    return f"erased-{user.pk}@erased.invalid"


def pseudonym_name(*, user: User) -> str:
    # In no language: it stands in audit entries and reviews for whoever reads them.
    return f"Former participant {user.pk}"

"""The reviewer pool, what conflicts of interest are judged on, and the one reading of
the conflict rule that automatic assignment, hand assignment and the secretariat's page
of a submission all use."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from incubator.models import Membership, Role, Theme, User
from reviews.conflicts import DECLARED, ReviewerFacts, conflict_with
from reviews.models import Conflict, ReviewerProfile, ReviewItem


def reviewer_pool() -> QuerySet[User]:
    return (
        User.objects.filter(role_grants__role=Role.REVIEWER, is_active=True)
        .select_related("reviewer_profile__organisation")
        .prefetch_related(Prefetch("reviewer_profile__themes", Theme.objects.order_by("name")))
        .order_by("display_name", "email")
    )


def reviewer_pool_with_loads() -> QuerySet[User]:
    return reviewer_pool().annotate(
        assigned=Count("review_assignments", distinct=True),
        done=Count(
            "review_assignments",
            filter=Q(review_assignments__submitted_at__isnull=False),
            distinct=True,
        ),
    )


def reviewer_in_pool(*, pk: int) -> User:
    return get_object_or_404(reviewer_pool(), pk=pk)


def profile_of(*, user: User) -> ReviewerProfile | None:
    try:
        return user.reviewer_profile
    except ReviewerProfile.DoesNotExist:
        return None


def reviewer_facts(*, users) -> dict[int, ReviewerFacts]:
    """What conflicts are judged on, for each of these reviewers, in one query."""
    users = list(users)
    member_of = defaultdict(set)
    memberships = Membership.objects.filter(user__in=users).values_list(
        "user_id", "organisation_id"
    )
    for user_id, organisation_id in memberships:
        member_of[user_id].add(organisation_id)
    facts = {}
    for user in users:
        profile = profile_of(user=user)
        facts[user.pk] = ReviewerFacts(
            user_id=user.pk,
            organisation_id=profile.organisation_id if profile else None,
            country=profile.country.code if profile and profile.country else "",
            member_of=frozenset(member_of[user.pk]),
        )
    return facts


def conflicts_between(*, items, reviewers) -> dict[tuple[int, int], str]:
    """Every (item pk, reviewer pk) pair of these that may not be assigned, with the
    reason (see reviews.conflicts): a conflict the reviewer declared, or one the rules
    find in their profile and memberships. Two queries, however many pairs; the items
    need their owner team loaded."""
    items, reviewers = list(items), list(reviewers)
    if not items or not reviewers:
        return {}
    declared = set(
        Conflict.objects.filter(
            item__call_id__in={item.call_id for item in items},
            reviewer_id__in={reviewer.pk for reviewer in reviewers},
        ).values_list("item_id", "reviewer_id")
    )
    facts = reviewer_facts(users=reviewers)
    found = {}
    for item in items:
        country = item.organisation.country.code
        for reviewer in reviewers:
            pair = (item.pk, reviewer.pk)
            reason = (
                DECLARED
                if pair in declared
                else conflict_with(
                    facts[reviewer.pk], organisation_id=item.organisation_id, country=country
                )
            )
            if reason:
                found[pair] = reason
    return found


def addable_reviewers(*, item: ReviewItem) -> QuerySet[User]:
    """Pool members the secretariat may still add to this item: not assigned yet, and
    without a conflict of interest. ``item`` comes with its assignments prefetched."""
    assigned = {assignment.reviewer_id for assignment in item.assignments.all()}
    reviewers = [reviewer for reviewer in reviewer_pool() if reviewer.pk not in assigned]
    conflicts = conflicts_between(items=[item], reviewers=reviewers)
    allowed = [reviewer.pk for reviewer in reviewers if (item.pk, reviewer.pk) not in conflicts]
    return reviewer_pool().filter(pk__in=allowed)

"""Careful reads for review: who is in the pool, who may see which item, and the
numbers of the secretariat's dashboard. Each list is a fixed number of queries however
many submissions there are."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from incubator.access import is_reviewer
from incubator.languages import language_names
from incubator.models import Call, Membership, Role, Theme, User
from reviews.conflicts import ReviewerFacts
from reviews.kinds import kind_of, reviewed_kind
from reviews.models import (
    Assignment,
    Conflict,
    Criterion,
    Decision,
    ReviewerProfile,
    ReviewItem,
    Score,
)
from submissions.models import Submission, SubmissionState

S = SubmissionState
# Submissions that automatic assignment takes into review (and moves to “in review”).
TAKEN_INTO_REVIEW = (S.SUBMITTED, S.SCREENING, S.IN_REVIEW)
# Submissions reviewers score.
UNDER_REVIEW = (S.IN_REVIEW, S.SHORTLISTED)

# The reviewer pool ----------------------------------------------------------------------


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


def profile_of(user: User) -> ReviewerProfile | None:
    try:
        return user.reviewer_profile
    except ReviewerProfile.DoesNotExist:
        return None


def reviewer_facts(users) -> dict[int, ReviewerFacts]:
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
        profile = profile_of(user)
        facts[user.pk] = ReviewerFacts(
            user_id=user.pk,
            organisation_id=profile.organisation_id if profile else None,
            country=profile.country.code if profile and profile.country else "",
            member_of=frozenset(member_of[user.pk]),
        )
    return facts


# What a reviewer sees -------------------------------------------------------------------


def _without_conflicts(assignments: QuerySet[Assignment], user: User) -> QuerySet[Assignment]:
    """Leave out every item the reviewer is conflicted with, whenever the conflict arose:
    a profile edited after the assignment hides the item at once."""
    assignments = assignments.exclude(item__organisation__memberships__user=user).exclude(
        Exists(Conflict.objects.filter(item=OuterRef("item"), reviewer=user))
    )
    profile = ReviewerProfile.objects.filter(user=user).values("organisation_id", "country").first()
    if profile and profile["organisation_id"]:
        assignments = assignments.exclude(item__organisation_id=profile["organisation_id"])
    if profile and profile["country"]:
        assignments = assignments.exclude(item__organisation__country=profile["country"])
    return assignments


def assignments_of_reviewer(*, user: User) -> QuerySet[Assignment]:
    if not is_reviewer(user):
        return Assignment.objects.none()
    return (
        _without_conflicts(Assignment.objects.filter(reviewer=user), user)
        .select_related("item__call__programme", "item__call__review_phase", "item__organisation")
        .prefetch_related("item__submission")
        .order_by("item__call__closes_at", "item__call_id", "item_id")
    )


def assignment_of_reviewer(*, user: User, pk: int) -> Assignment:
    """One of the reviewer's own assignments; 404 for anything else, including an item
    they are conflicted with, so that ids reveal nothing."""
    return get_object_or_404(assignments_of_reviewer(user=user), pk=pk)


def criteria_of(call: Call) -> list[Criterion]:
    return list(call.review_criteria.order_by("position", "pk"))


def scores_of(assignment: Assignment) -> dict[int, Score]:
    return {score.criterion_id: score for score in assignment.scores.all()}


def other_reviews(assignment: Assignment) -> list[list[Score]]:
    """The other submitted reviews of the same item, without who wrote them."""
    others = (
        Assignment.objects.filter(item=assignment.item, submitted_at__isnull=False)
        .exclude(pk=assignment.pk)
        .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )
    return [list(other.scores.all()) for other in others]


def _answers(submission: Submission, names) -> list[tuple[str, str]]:
    """(question, answer) pairs of these fields, whatever the kind of submission."""
    model = type(submission)
    answers = []
    for name in names:
        field = model._meta.get_field(name)
        value = getattr(submission, name)
        if field.many_to_many:
            text = ", ".join(str(theme) for theme in value.all())
        elif name == "languages":
            text = ", ".join(language_names().get(code, code) for code in value or [])
        elif field.choices:
            text = getattr(submission, f"get_{name}_display")()
        else:
            text = "" if value is None else str(value)
        answers.append((str(field.verbose_name).capitalize(), text))
    return answers


def submission_answers(*, submission: Submission, anonymised: bool) -> list[tuple[str, str]]:
    """What a reviewer is shown of a submission: the answers its kind allows, without
    those naming the team when the phase is anonymised."""
    names = kind_of(submission).answers_for_reviewers(anonymised=anonymised)
    return _answers(submission, names)


def submission_answers_for_secretariat(*, submission: Submission) -> list[tuple[str, str]]:
    return _answers(submission, kind_of(submission).secretariat_answers)


def weighted_mean(scores) -> float | None:
    """One review's score: its criteria's scores weighted by the rubric."""
    scored = [score for score in scores if score.score is not None]
    weights = sum(score.criterion.weight for score in scored)
    if not weights:
        return None
    return sum(score.score * score.criterion.weight for score in scored) / weights


# Items of a call ------------------------------------------------------------------------


def items_of_call(*, call: Call) -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.filter(call=call)
        .select_related("organisation", "decision")
        .prefetch_related(
            "submission",
            Prefetch(
                "assignments",
                Assignment.objects.select_related("reviewer").order_by("reviewer__display_name"),
            ),
        )
        .order_by("pk")
    )


def item_of_call(*, call: Call, pk: int) -> ReviewItem:
    return get_object_or_404(items_of_call(call=call), pk=pk)


def submissions_taken_into_review(call: Call):
    """The call's submissions that automatic assignment takes, with their owner team."""
    model = reviewed_kind(call).model
    queryset = model.objects.filter(call=call, status__in=TAKEN_INTO_REVIEW).select_related(
        "organisation"
    )
    if any(f.name == "themes" for f in model._meta.many_to_many):
        queryset = queryset.prefetch_related("themes")
    return queryset.order_by("pk")


def reviewer_loads(*, call: Call) -> dict[int, int]:
    rows = (
        Assignment.objects.filter(item__call=call)
        .values("reviewer_id")
        .annotate(n=Count("pk"))
        .values_list("reviewer_id", "n")
    )
    return dict(rows)


def declared_conflicts(*, call: Call) -> QuerySet[Conflict]:
    return (
        Conflict.objects.filter(item__call=call)
        .select_related("reviewer", "item")
        .prefetch_related("item__submission")
    )


# The dashboard --------------------------------------------------------------------------


@dataclass
class Row:
    """One submission on the dashboard, with its numbers."""

    item: ReviewItem
    assigned: int
    done: int
    review_means: list[float] = field(default_factory=list)  # one weighted mean per review
    criterion_means: dict[int, float] = field(default_factory=dict)
    rank: int | None = None

    @property
    def submission(self):
        return self.item.submission

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.review_means) if self.review_means else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.review_means) if self.review_means else None

    @property
    def spread(self) -> float | None:
        """The range: highest weighted mean of a review minus the lowest. Plain to read
        (“reviewers differ by 1.5 points”), and defined for two reviews as for ten."""
        return max(self.review_means) - min(self.review_means) if self.review_means else None

    @property
    def decision(self) -> Decision | None:
        try:
            return self.item.decision
        except Decision.DoesNotExist:
            return None


def dashboard_rows(*, call: Call) -> list[Row]:
    """Every item of the call, ranked by the mean of its reviews' weighted means; items
    without a submitted review come last."""
    items = (
        ReviewItem.objects.filter(call=call)
        .select_related("organisation", "decision")
        .prefetch_related("submission")
        .annotate(
            assigned=Count("assignments", distinct=True),
            done=Count(
                "assignments", filter=Q(assignments__submitted_at__isnull=False), distinct=True
            ),
        )
    )
    rows = {item.pk: Row(item=item, assigned=item.assigned, done=item.done) for item in items}
    submitted = Score.objects.filter(
        assignment__item__call=call, assignment__submitted_at__isnull=False, score__isnull=False
    )
    per_review = (
        submitted.values("assignment_id", "assignment__item_id")
        .annotate(points=Sum(F("score") * F("criterion__weight")), weights=Sum("criterion__weight"))
        .order_by("assignment_id")
    )
    for review in per_review:
        rows[review["assignment__item_id"]].review_means.append(
            review["points"] / review["weights"]
        )
    per_criterion = submitted.values("assignment__item_id", "criterion_id").annotate(
        total=Sum("score"), n=Count("pk")
    )
    for entry in per_criterion:
        rows[entry["assignment__item_id"]].criterion_means[entry["criterion_id"]] = (
            entry["total"] / entry["n"]
        )
    ranked = sorted(
        rows.values(),
        key=lambda row: (row.mean is None, -(row.mean or 0), -row.done, row.item.pk),
    )
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        if row.mean is None:
            continue
        rounded = round(row.mean, 2)
        if rounded != previous:
            rank, previous = position, rounded
        row.rank = rank
    return ranked

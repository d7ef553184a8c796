"""Review set-ups: a call with its phase and rubric, reviewers with profiles, and
submissions already under review with their assignments."""

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from incubator.models import Role, RoleGrant
from reviews.models import Assignment, Criterion, ReviewerProfile, ReviewItem, ReviewPhase, Score
from reviews.services import item_figures_refresh
from reviews.services.figures import reviewers_refresh
from tests.factories import CallFactory, ChallengeFactory, UserFactory

ANCHORS = ["Very weak", "Weak", "Adequate", "Strong", "Outstanding"]


class ReviewPhaseFactory(factory.django.DjangoModelFactory):
    """A phase that is open now, as a call's phase opens after its deadline: the call
    closed two days ago, reviews opened yesterday, are due in a week and close in two."""

    class Meta:
        model = ReviewPhase

    call = factory.SubFactory(
        CallFactory, closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    )
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    reviewers_per_submission = 3


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    description = "What reviewers judge."
    weight = 1
    anchors = factory.LazyFunction(lambda: list(ANCHORS))


def rubric(call, weights=(("Relevance", 3), ("Novelty", 2), ("Feasibility", 1))):
    return [
        CriterionFactory(call=call, name=name, weight=weight, position=position)
        for position, (name, weight) in enumerate(weights, start=1)
    ]


def review_call(**phase):
    """A call for challenges past its deadline, with an open review phase and a rubric."""
    review_phase = ReviewPhaseFactory(**phase)
    rubric(review_phase.call)
    return review_phase.call


def reviewer(*, themes=(), languages=("en",), country="", organisation=None, **user):
    person = UserFactory(**user)
    RoleGrant.objects.create(user=person, role=Role.REVIEWER)
    profile = ReviewerProfile.objects.create(
        user=person, languages=list(languages), country=country, organisation=organisation
    )
    profile.themes.set(themes)
    return person


def under_review(submission) -> ReviewItem:
    """A submission taken into review, as automatic assignment leaves it."""
    type(submission).objects.filter(pk=submission.pk).update(status="in_review")
    submission.refresh_from_db()
    return ReviewItem.objects.create(
        call=submission.call,
        content_type=ContentType.objects.get_for_model(submission),
        object_id=submission.pk,
        organisation=submission.organisation,
    )


def challenge_under_review(call, **kwargs) -> ReviewItem:
    return under_review(ChallengeFactory(call=call, **kwargs))


def assign(item, person, *, scores=None, submitted=False, comment="") -> Assignment:
    """An assignment; with ``scores`` (one per criterion, in rubric order) a review."""
    assignment = Assignment.objects.create(item=item, reviewer=person)
    reviewers_refresh(items=ReviewItem.objects.filter(pk=item.pk))  # as the services do
    if scores is not None:
        criteria = list(item.call.review_criteria.order_by("position", "pk"))
        for criterion, score in zip(criteria, scores, strict=True):
            Score.objects.create(
                assignment=assignment, criterion=criterion, score=score, comment=comment
            )
        assignment.draft_saved_at = timezone.now()
        if submitted:
            assignment.submitted_at = timezone.now()
        assignment.save()
        if submitted:
            item_figures_refresh(item=item)  # as review_save does
    return assignment

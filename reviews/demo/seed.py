"""The review of the demo's previous round, incubator-2026: for each of its calls a
closed review phase, the default rubric, an advisory board of five (the demo reviewer
and four members without a login), their submitted scores, and the decisions released
as the submissions' states say.

``board.json`` holds each board member's profile (the people themselves are the core's).
``reviews.json`` holds, for each call kind, each submission (by its key in the round's
files) with its reviews: who, how many days after the phase opened they submitted, a
score for each criterion of the default rubric in turn, and a comment on the first. The
board scored the selected submissions high and the declined ones low, never a team of
their own country, and each reviewer and criterion a little differently, as people do."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation

from challenges.models import Challenge
from incubator.demo.data import demo_data, demo_each, demo_named
from incubator.demo.seed import DEMO_ACCOUNTS
from incubator.models import Call, Theme, User
from incubator.models.programmes import CallKind
from reviews.defaults import DEFAULT_CRITERIA
from reviews.models import (
    Assignment,
    Criterion,
    Decision,
    Outcome,
    ReviewerProfile,
    ReviewItem,
    ReviewPhase,
    Score,
)
from reviews.services import item_figures_refresh
from reviews.services.figures import reviewers_refresh
from solutions.demo.seed import CALENDAR, PAST_PROGRAMME, PAST_TITLES
from solutions.models import Solution
from submissions.models import SubmissionState

SECRETARIAT = DEMO_ACCOUNTS[0].email
S = SubmissionState


@transaction.atomic
def seed() -> str:
    """Idempotent: a call that already has a review phase is left as it is."""
    calls = list(Call.objects.filter(programme__slug=PAST_PROGRAMME).order_by("opens_at", "pk"))
    if not calls:
        return "Reviews: no past round to review."
    secretariat = User.objects.get(email=SECRETARIAT)
    board = {reviewer.email: reviewer for reviewer in demo_each(__name__, "board", _profile)}
    for call in calls:
        if not ReviewPhase.objects.filter(call=call).exists():
            _review(call, board=board, secretariat=secretariat)
    return _summary(calls)


def _profile(record: dict) -> User:
    reviewer = User.objects.get(email=record["email"])
    profile, created = ReviewerProfile.objects.get_or_create(
        user=reviewer, defaults={"country": record["country"], "languages": record["languages"]}
    )
    if created:
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        profile.themes.set([demo_named(themes, slug, "theme") for slug in record["expertise"]])
    return reviewer


def _review(call: Call, *, board: dict[str, User], secretariat: User) -> None:
    # Rows are written directly rather than through the services: seed data must not queue
    # the assignment and decision emails, and the phase is long over.
    dates = CALENDAR[call.kind]
    phase = ReviewPhase.objects.create(
        call=call,
        opens_at=dates["review_open"],
        due_at=dates["review_due"],
        closes_at=dates["review_close"],
        reviewers_per_submission=demo_data(__name__, "reviews")["reviewers_per_submission"],
    )
    criteria = _criteria(call)
    model = Challenge if call.kind == CallKind.CHALLENGES else Solution
    submissions = {submission.title: submission for submission in model.objects.filter(call=call)}
    content_type = ContentType.objects.get_for_model(model)

    def create(record: dict) -> ReviewItem:
        title = demo_named(PAST_TITLES[call.kind], record["submission"], "submission")
        submission = submissions[title]
        item = ReviewItem.objects.create(
            call=call,
            content_type=content_type,
            object_id=submission.pk,
            organisation=submission.organisation,
        )
        for review in record["reviews"]:
            _create_review(
                review, item=item, criteria=criteria, board=board, phase=phase, by=secretariat
            )
        Decision.objects.create(
            item=item,
            outcome=Outcome.SELECT if submission.status == S.SELECTED else Outcome.DECLINE,
            reason=submission.decision_reason,
            staged_by=secretariat,
            staged_at=dates["decisions_staged"],
            released_by=secretariat,
            released_at=submission.decided_at,
        )
        return item

    demo_each(__name__, "reviews", create, part=call.kind)
    # The board was asked on the day the phase opened.
    ReviewItem.objects.filter(call=call).update(created_at=phase.opens_at)
    Assignment.objects.filter(item__call=call).update(assigned_at=phase.opens_at)


def _criteria(call: Call) -> list[Criterion]:
    """The default rubric in English, with its French version from the catalog."""
    criteria = []
    for position, (name, description, weight, anchors) in enumerate(DEFAULT_CRITERIA, start=1):
        texts = {}
        for language, suffix in (("en", ""), ("fr", "_fr")):
            with translation.override(language):
                texts |= {
                    f"name{suffix}": str(name),
                    f"description{suffix}": str(description),
                    f"anchors{suffix}": [str(anchor) for anchor in anchors],
                }
        criteria.append(
            Criterion.objects.create(call=call, position=position, weight=weight, **texts)
        )
    return criteria


def _create_review(
    review: dict, *, item: ReviewItem, criteria: list[Criterion], board, phase, by: User
) -> Assignment:
    reviewer = demo_named(board, review["by"], "board member")
    if reviewer.reviewer_profile.country.code == item.organisation.country.code:
        raise ValueError(f"{reviewer.email} would review a team of their own country.")
    if len(review["scores"]) != len(criteria):
        raise ValueError(f"{reviewer.email} needs one score for each of {len(criteria)} criteria.")
    submitted_at = phase.opens_at + timedelta(days=review["days_after_opening"])
    assignment = Assignment.objects.create(
        item=item,
        reviewer=reviewer,
        assigned_by=by,
        draft_saved_at=submitted_at,
        submitted_at=submitted_at,
    )
    Score.objects.bulk_create(
        Score(
            assignment=assignment,
            criterion=criterion,
            score=score,
            comment=review["comment"] if number == 0 else "",
        )
        for number, (criterion, score) in enumerate(zip(criteria, review["scores"], strict=True))
    )
    item_figures_refresh(item=item)  # as review_save does
    reviewers_refresh(items=ReviewItem.objects.filter(pk=item.pk))  # as the services do
    return assignment


def _summary(calls: list[Call]) -> str:
    items = ReviewItem.objects.filter(call__in=calls)
    reviews = Assignment.objects.filter(item__call__in=calls, submitted_at__isnull=False)
    released = Decision.objects.filter(item__call__in=calls, released_at__isnull=False)
    reviewers = reviews.values("reviewer").distinct().count()
    return (
        f"Review of {calls[0].programme.name}: {items.count()} submissions, "
        f"{reviews.count()} reviews by {reviewers} reviewers, {released.count()} decisions "
        "released."
    )

"""The review of the demo's previous round, incubator-2026: for each of its calls a
closed review phase, the default rubric, an advisory board of five (the demo reviewer
and four members without a login), their submitted scores, and the decisions released
as the submissions' states say. Found and run by ``seed_demo`` (see
``incubator.services.demo.demo_apps_seed``)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation

from challenges.models import Challenge
from incubator.models import Call, Role, RoleGrant, Theme, User
from incubator.models.programmes import CallKind
from incubator.services.demo import DEMO_ACCOUNTS
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
from solutions.demo_content import CALENDAR, PAST_PROGRAMME
from solutions.models import Solution
from submissions.models import SubmissionState

SECRETARIAT, REVIEWER = DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[1].email
REVIEWERS_PER_SUBMISSION = 3

# email, name, country, languages, time zone, expertise; the demo reviewer comes first.
BOARD = [
    (REVIEWER, "", "CA", ("en", "fr"), "", ("evidence-based-policymaking", "digital-inclusion")),
    (
        "ingrid.solberg@demo.incubator.example",
        "Ingrid Solberg",
        "NO",
        ("no", "en"),
        "Europe/Oslo",
        ("cultural-transformation", "scaling-public-services"),
    ),
    (
        "tomas.herrera@demo.incubator.example",
        "Tomás Herrera",
        "UY",
        ("es", "pt", "en"),
        "America/Montevideo",
        ("citizen-involvement", "digital-inclusion"),
    ),
    (
        "fatou.diallo@demo.incubator.example",
        "Fatou Diallo",
        "SN",
        ("fr", "wo", "en"),
        "Africa/Dakar",
        ("public-health", "climate-adaptation"),
    ),
    (
        "daniel.weiss@demo.incubator.example",
        "Daniel Weiss",
        "AT",
        ("de", "en"),
        "Europe/Vienna",
        ("open-experimentation", "evidence-based-policymaking"),
    ),
]

# How good the board found each submission, in turn, on the 1 to 5 scale: the selected
# ones high, the declined ones low. Each reviewer and criterion then differs a little, as
# people do.
SELECTED_LEVELS = (4.1, 4.5, 3.6, 4.3, 3.4, 4.0, 3.9, 3.7, 3.3, 3.5)
DECLINED_LEVELS = (2.4, 2.1)
SPREAD = (0, 0.5, -0.5, 0.4, -0.4, 0.2, -0.2)
COMMENTS = {
    True: (
        "Clear, and well evidenced: a good fit for the programme.",
        "Realistic scope, and the team shows it can give the time.",
        "What is learned here would travel well to other governments.",
    ),
    False: (
        "Describes a product rather than a problem or an experience.",
        "Too little to judge by yet: no evidence, no clear need.",
    ),
}
S = SubmissionState


@transaction.atomic
def seed() -> str:
    """Idempotent: a call that already has a review phase is left as it is."""
    calls = list(Call.objects.filter(programme__slug=PAST_PROGRAMME).order_by("opens_at", "pk"))
    if not calls:
        return "Reviews: no past round to review."
    secretariat = User.objects.get(email=SECRETARIAT)
    board = _board()
    for call in calls:
        if not ReviewPhase.objects.filter(call=call).exists():
            _review(call, board=board, secretariat=secretariat)
    return _summary(calls)


def _board() -> list[User]:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    board = []
    for email, name, country, languages, zone, expertise in BOARD:
        reviewer = User.objects.filter(email=email).first()
        if reviewer is None:
            # Board members in the demo never sign in: no password, no email address to
            # confirm. Only the demo reviewer has a login.
            reviewer = User.objects.create_user(
                email=email, password=None, display_name=name, time_zone=zone
            )
            RoleGrant.objects.create(user=reviewer, role=Role.REVIEWER)
        profile, created = ReviewerProfile.objects.get_or_create(
            user=reviewer, defaults={"country": country, "languages": list(languages)}
        )
        if created:
            profile.themes.set([themes[slug] for slug in expertise])
        board.append(reviewer)
    return board


def _review(call: Call, *, board: list[User], secretariat: User) -> None:
    # Rows are written directly rather than through the services: seed data must not queue
    # the assignment and decision emails, and the phase is long over.
    is_challenges = call.kind == CallKind.CHALLENGES
    phase = ReviewPhase.objects.create(
        call=call,
        opens_at=CALENDAR.challenge_review_open if is_challenges else CALENDAR.solution_review_open,
        due_at=CALENDAR.challenge_review_due if is_challenges else CALENDAR.solution_review_due,
        closes_at=(
            CALENDAR.challenge_review_close if is_challenges else CALENDAR.solution_review_close
        ),
        reviewers_per_submission=REVIEWERS_PER_SUBMISSION,
    )
    staged_at = (
        CALENDAR.challenge_decisions_staged if is_challenges else CALENDAR.solution_decisions_staged
    )
    with translation.override("en"):
        criteria = [
            Criterion.objects.create(
                call=call,
                position=position,
                name=str(name),
                description=str(description),
                weight=weight,
                anchors=[str(anchor) for anchor in anchors],
            )
            for position, (name, description, weight, anchors) in enumerate(
                DEFAULT_CRITERIA, start=1
            )
        ]
    model = Challenge if is_challenges else Solution
    content_type = ContentType.objects.get_for_model(model)
    submissions = model.objects.filter(call=call).select_related("organisation").order_by("pk")
    levels = {True: iter(SELECTED_LEVELS), False: iter(DECLINED_LEVELS)}
    for index, submission in enumerate(submissions):
        selected = submission.status == S.SELECTED
        item = ReviewItem.objects.create(
            call=call,
            content_type=content_type,
            object_id=submission.pk,
            organisation=submission.organisation,
        )
        reviewers = _reviewers_for(submission.organisation.country.code, board, start=index)
        level = next(levels[selected])
        for position, reviewer in enumerate(reviewers):
            submitted_at = phase.opens_at + timedelta(days=2 + (index + position * 3) % 9)
            assignment = Assignment.objects.create(
                item=item,
                reviewer=reviewer,
                assigned_by=secretariat,
                draft_saved_at=submitted_at,
                submitted_at=submitted_at,
            )
            comments = COMMENTS[selected]
            Score.objects.bulk_create(
                Score(
                    assignment=assignment,
                    criterion=criterion,
                    score=_score(level, index + position + 2 * number),
                    comment=comments[(index + position) % len(comments)] if number == 0 else "",
                )
                for number, criterion in enumerate(criteria)
            )
        Decision.objects.create(
            item=item,
            outcome=Outcome.SELECT if selected else Outcome.DECLINE,
            reason=submission.decision_reason,
            staged_by=secretariat,
            staged_at=staged_at,
            released_by=secretariat,
            released_at=submission.decided_at,
        )
    # The board was asked on the day the phase opened.
    ReviewItem.objects.filter(call=call).update(created_at=phase.opens_at)
    Assignment.objects.filter(item__call=call).update(assigned_at=phase.opens_at)


def _reviewers_for(country: str, board: list[User], *, start: int) -> list[User]:
    """Three reviewers in turn, never one from the team's own country."""
    turn = board[start % len(board) :] + board[: start % len(board)]
    allowed = [r for r in turn if r.reviewer_profile.country.code != country]
    return allowed[:REVIEWERS_PER_SUBMISSION]


def _score(level: float, turn: int) -> int:
    return max(1, min(5, int(level + SPREAD[turn % len(SPREAD)] + 0.5)))


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

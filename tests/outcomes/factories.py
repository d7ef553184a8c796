import factory
from django.utils import timezone

from matching.models import Match
from outcomes.models import DashboardCounts, ShowcaseConsent, Story, StoryState, Survey
from tests.factories import ChallengeFactory, MembershipFactory, ProgrammeFactory, UserFactory
from tests.solutions.factories import SolutionFactory


class ConfirmedMatchFactory(factory.django.DjangoModelFactory):
    """A confirmed match of a published challenge and a selected proposal, both in the
    match's programme; the owner team is in Portugal and the provider in Estonia."""

    class Meta:
        model = Match

    programme = factory.SubFactory(ProgrammeFactory)
    challenge = factory.SubFactory(
        ChallengeFactory, published=True, call__programme=factory.SelfAttribute("...programme")
    )
    solution = factory.SubFactory(
        SolutionFactory, status="selected", call__programme=factory.SelfAttribute("...programme")
    )
    state = Match.State.CONFIRMED
    locked = True
    score = 0.8
    decided_at = factory.LazyFunction(timezone.now)


def consent(programme, *organisations) -> None:
    """The teams' consent, and the showcase's counts forgotten so that the next page
    counts them, as `consent_give` has them counted again."""
    for organisation in organisations:
        ShowcaseConsent.objects.update_or_create(
            programme=programme, organisation=organisation, defaults={"given": True}
        )
    DashboardCounts.objects.filter(programme=programme).delete()


def shown_match(**fields) -> Match:
    """A confirmed match whose two teams both agreed to the showcase."""
    match = ConfirmedMatchFactory(**fields)
    consent(match.programme, match.challenge.organisation, match.solution.organisation)
    return match


def member_of(organisation, **fields):
    return MembershipFactory(organisation=organisation, user=UserFactory(**fields)).user


class StoryFactory(factory.django.DjangoModelFactory):
    """The challenge owner's story of its match, approved unless told otherwise."""

    class Meta:
        model = Story

    match = factory.SubFactory(ConfirmedMatchFactory)
    organisation = factory.LazyAttribute(lambda story: story.match.challenge.organisation)
    state = StoryState.APPROVED
    title = factory.Sequence(lambda n: f"What a ferry taught us about schools {n}")
    expectations = "A ready-made tool we could copy."
    learned = "Their method mattered more than their software."
    pain_points = "Finding a meeting hour across two time zones."
    submitted_at = factory.LazyFunction(timezone.now)
    decided_at = factory.LazyAttribute(
        lambda story: timezone.now() if story.state in ("approved", "rejected") else None
    )


class SurveyFactory(factory.django.DjangoModelFactory):
    """The owner team's 3-month survey, unanswered unless told otherwise."""

    class Meta:
        model = Survey

    match = factory.SubFactory(ConfirmedMatchFactory)
    organisation = factory.LazyAttribute(lambda survey: survey.match.challenge.organisation)
    milestone = 3
    due_at = factory.LazyFunction(timezone.now)


def answered(survey: Survey, *, stage="implementation", by=None) -> Survey:
    survey.stage_reached = stage
    survey.what_changed = "We now test every form with older residents first."
    survey.advice = "Agree on one meeting hour in the first week."
    survey.answered_by = by
    survey.answered_at = timezone.now()
    survey.save()
    return survey

"""Factories for the cohort track, on top of the shared ones in tests/factories.py."""

from datetime import timedelta

import factory
from django.utils import timezone

from cohorts.models import (
    Cohort,
    Enrolment,
    Feedback,
    Opportunity,
    Registration,
    RegistrationStatus,
    Resource,
    Session,
)
from cohorts.scheduling import end_of_day
from incubator.models import User
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    description = "Thirty teams learning together."


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def cohort_member(cohort: Cohort, *, team=None, **user_fields) -> User:
    """A person in a team enrolled in the cohort (a new team unless one is given)."""
    if team is None:
        team = EnrolmentFactory(cohort=cohort).organisation
    elif not team.enrolments.filter(cohort=cohort).exists():
        EnrolmentFactory(cohort=cohort, organisation=team)
    return MembershipFactory(organisation=team, user=UserFactory(**user_fields)).user


class SessionFactory(factory.django.DjangoModelFactory):
    """An online session a week from now, 90 minutes long, planned in Paris time."""

    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Running an open experiment {n}")
    description = "How teams set up experiments that the public can follow."
    facilitators = "Ana Silva, Lisbon City Innovation Lab"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(minutes=90))
    reference_time_zone = "Europe/Paris"
    format = "online"
    joining_link = "https://meet.example/secret-room-42"
    capacity = 30


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    user = factory.LazyAttribute(lambda r: cohort_member(r.session.cohort))
    status = RegistrationStatus.REGISTERED
    registered_at = factory.LazyFunction(timezone.now)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Guide to public experiments {n}")
    description = "A short guide with examples from three cities."
    url = "https://guides.example/experiments"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.LazyAttribute(lambda o: EnrolmentFactory(cohort=o.cohort).organisation)
    kind = "event"
    title = factory.Sequence(lambda n: f"Open government week {n}")
    description = "Talks and workshops; speakers wanted."
    url = "https://events.example/ogw"
    expires_on = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=30)).date())
    time_zone = "Europe/Lisbon"
    expires_at = factory.LazyAttribute(lambda o: end_of_day(o.expires_on, o.time_zone))


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)
    rating = 4
    worked = "Concrete examples."
    improve = "More time for questions."

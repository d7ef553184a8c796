import factory
from django.utils import timezone

from incubator.models.programmes import CallKind
from solutions.models import Solution, SolutionInterest
from tests.factories import CallFactory, OrganisationFactory, ThemeFactory


class SolutionsCallFactory(CallFactory):
    kind = CallKind.SOLUTIONS
    title = factory.Sequence(lambda n: f"Call for solutions {n}")


class SolutionFactory(factory.django.DjangoModelFactory):
    """A complete solution proposal, submitted unless told otherwise."""

    class Meta:
        model = Solution
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, country="EE")
    call = factory.SubFactory(SolutionsCallFactory)
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)
    title = factory.Sequence(lambda n: f"Assisted digital service points {n}")
    summary = "Libraries became places where staff help people use online services."
    comparable_problem = "Older people in rural areas did not use online services."
    what_they_did = "Trained librarians as digital helpers in 200 branches."
    evidence = "Online claims by over-70s rose by a third in two years."
    lessons = "Volunteers alone did not last; paid hours did."
    can_share = factory.LazyFunction(lambda: ["methods", "tools"])
    capacity = 1
    languages = factory.LazyFunction(lambda: ["et", "en"])
    time_zone = "Europe/Tallinn"
    availability = "Mondays and Wednesdays, 10:00–15:00 Tallinn time"
    written_in = "en"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            SolutionInterest.objects.bulk_create(
                SolutionInterest(solution=self, challenge=challenge, rank=rank)
                for rank, challenge in enumerate(extracted, start=1)
            )

"""What each list of the open-data API may be narrowed by."""

import django_filters
from django.db.models import Exists, OuterRef

from challenges.models import Challenge
from incubator.models import Call
from matching.models import Match
from outcomes.models import Story
from solutions.models import Solution

MAX_ID = 2**31 - 1


def id_filter(**kwargs) -> django_filters.NumberFilter:
    """A record's id: a whole number within what every database stores."""
    return django_filters.NumberFilter(min_value=1, max_value=MAX_ID, **kwargs)


class ThemeMixin:
    def filter_theme(self, queryset, name, value):
        through = queryset.model.themes.through.objects.filter(
            **{f"{queryset.model._meta.model_name}": OuterRef("pk")}, theme__slug=value
        )
        return queryset.filter(Exists(through))


class CallFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__slug")
    kind = django_filters.ChoiceFilter(
        choices=[("challenges", "challenges"), ("solutions", "solutions")]
    )

    class Meta:
        model = Call
        fields = []


class ChallengeFilter(ThemeMixin, django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="call__programme__slug")
    country = django_filters.CharFilter(field_name="organisation__country")
    theme = django_filters.CharFilter(method="filter_theme")
    lifecycle_stage = django_filters.CharFilter()

    class Meta:
        model = Challenge
        fields = []


class SolutionFilter(ThemeMixin, django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="call__programme__slug")
    country = django_filters.CharFilter(field_name="organisation__country")
    theme = django_filters.CharFilter(method="filter_theme")

    class Meta:
        model = Solution
        fields = []


class MatchFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__slug")
    challenge = id_filter(field_name="challenge_id")
    solution = id_filter(field_name="solution_id")

    class Meta:
        model = Match
        fields = []


class StoryFilter(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="match__programme__slug")
    match = id_filter(field_name="match_id")

    class Meta:
        model = Story
        fields = []

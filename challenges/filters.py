"""Filters over challenges, as the lists of the portal offer them: the visitor's list of
published challenges and the secretariat's screening desk share what a challenge is
about and where its team is; each adds its own."""

import django_filters
from django import forms
from django.core.cache import caches
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from challenges.models import Challenge, LifecycleStage, Sector
from challenges.selectors import challenges_search
from incubator.languages import language_choices
from incubator.models import Call, Organisation, Programme, Theme
from incubator.models.organisations import Level
from incubator.models.programmes import CallKind
from incubator.regions import REGION_NAMES, countries_in
from incubator.translated import shown
from submissions.models import SubmissionState

# How long the public list's choices of country, theme and programme are kept.
PUBLIC_CHOICES_SECONDS = 60


class ChallengeFilter(django_filters.FilterSet):
    """Search words, the owner team's country and region, theme, sector and stage. It
    narrows the queryset it is given and never widens it."""

    q = django_filters.CharFilter(
        label=_("Search words"),
        method="filter_words",
        max_length=200,
        widget=forms.SearchInput,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="organisation__country",
        choices=(),  # the countries of teams with a challenge in the list, set per request
        empty_label=_("Any country"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=list(REGION_NAMES.items()),
        method="filter_region",
        empty_label=_("Any region"),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        choices=(),  # set per request
        empty_label=_("Any theme"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("Any sector")
    )
    stage = django_filters.ChoiceFilter(
        label=_("Lifecycle stage"),
        field_name="lifecycle_stage",
        choices=LifecycleStage.choices,
        empty_label=_("Any stage"),
    )

    class Meta:
        model = Challenge
        fields = []  # every filter is declared

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        # Shared by validation and the rendered form.
        for name, choices in self.read_choices().items():
            self.filters[name].extra["choices"] = choices

    def read_choices(self, within: QuerySet[Challenge] | None = None) -> dict[str, list]:
        """The choices that depend on the data, one plain query each: the countries of the
        teams with a challenge ``within`` the list (the whole list unless told), asked of
        the few teams rather than the many challenges."""
        within = self.queryset if within is None else within
        codes = (
            Organisation.objects.filter(Exists(within.filter(organisation=OuterRef("pk"))))
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        return {
            "country": sorted(
                ((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]
            ),
            "theme": list(Theme.objects.order_by(shown("name")).values_list("slug", shown("name"))),
        }

    def filter_words(self, queryset, name, value):
        return challenges_search(queryset, value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(organisation__country__in=countries_in(value))

    @property
    def active(self) -> dict[str, str]:
        """The filters in use, as they appear in the address, for links that keep them."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # cleaned_data then holds the values that are valid
        cleaned = self.form.cleaned_data
        return {name: self.data[name] for name in self.filters if cleaned.get(name)}


class PublicChallengeFilter(ChallengeFilter):
    """For published challenges only (``challenges_published()``), by programme too."""

    programme = django_filters.ChoiceFilter(
        label=_("Programme"),
        field_name="call__programme__slug",
        choices=(),  # set per request
        empty_label=_("Any programme"),
    )

    def read_choices(self, within=None) -> dict[str, list]:
        """The same for every visitor of a language: kept for a minute in each process (a
        third of the list's time went to these three queries)."""
        key = f"public-challenge-filter-choices:{get_language()}"
        choices = caches["fragments"].get(key)
        if choices is None:
            choices = super().read_choices(within) | {
                "programme": list(
                    Programme.objects.order_by("-created_at").values_list("slug", shown("name"))
                )
            }
            caches["fragments"].set(key, choices, PUBLIC_CHOICES_SECONDS)
        return choices


class ScreeningFilter(ChallengeFilter):
    """The secretariat's screening desk: every submitted challenge (``challenges_for_desk()``),
    by call, state, level of government and working language too."""

    call = django_filters.ChoiceFilter(
        label=_("Call"),
        field_name="call_id",
        choices=(),  # set per request
        empty_label=_("Any call"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        field_name="status",
        choices=[c for c in SubmissionState.choices if c[0] != SubmissionState.DRAFT],
        empty_label=_("Any state"),
    )
    level = django_filters.ChoiceFilter(
        label=_("Level of government"),
        field_name="organisation__level",
        choices=Level.choices,
        empty_label=_("Any level"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Working language"),
        choices=(),  # set per request, from a list read once per process
        method="filter_language",
        empty_label=_("Any language"),
    )

    def read_choices(self, within=None) -> dict[str, list]:
        """On one call's desk, the countries of that call's teams: a small call's desk
        then costs the same beside a large one."""
        call = str((self.data or {}).get("call", ""))
        if within is None and call.isdigit():
            within = self.queryset.filter(call_id=int(call))
        return super().read_choices(within)

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        calls = (
            Call.objects.filter(kind=CallKind.CHALLENGES)
            .order_by("-opens_at", "-pk")
            .values_list("pk", shown("title"), shown("programme__name"))
        )
        self.filters["call"].extra["choices"] = [
            (str(pk), f"{title} ({programme})") for pk, title, programme in calls
        ]
        self.filters["language"].extra["choices"] = language_choices()

    def filter_language(self, queryset, name, value):
        # ``languages`` is a JSON list of ISO 639-1 codes; the quotes keep "en" from
        # matching inside another code. Works on SQLite and PostgreSQL alike.
        return queryset.filter(languages__icontains=f'"{value}"')

"""The visitor's filters over published challenges: search words, where the owner team
is, what the challenge is about, which programme it belongs to."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from challenges.models import LifecycleStage, Sector
from challenges.selectors import challenges_search
from incubator.models import Organisation, Programme, Theme
from incubator.regions import REGION_NAMES, countries_in


class PublicChallengeFilter(django_filters.FilterSet):
    """Meant for a queryset of published challenges only (``challenges_published()``):
    it narrows what it is given and never widens it."""

    q = django_filters.CharFilter(
        label=_("Search words"),
        method="filter_words",
        max_length=200,
        widget=forms.SearchInput,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="organisation__country",
        empty_label=_("Any country"),
        choices=(),  # the countries that have a challenge to show, set per request
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
    programme = django_filters.ChoiceFilter(
        label=_("Programme"),
        field_name="call__programme__slug",
        choices=(),  # set per request
        empty_label=_("Any programme"),
    )

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        # The choices are read once per request, with one plain query each, and shared by
        # validation and the rendered form (a model choice field queries again to validate
        # and reads through a server-side cursor on PostgreSQL).
        # Countries are asked of the few teams rather than the many challenges: under
        # 2 ms with 10,000 published challenges.
        codes = (
            Organisation.objects.filter(Exists(self.queryset.filter(organisation=OuterRef("pk"))))
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
        self.filters["country"].extra["choices"] = sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]
        )
        self.filters["theme"].extra["choices"] = list(
            Theme.objects.order_by("name").values_list("slug", "name")
        )
        self.filters["programme"].extra["choices"] = list(
            Programme.objects.order_by("-created_at").values_list("slug", "name")
        )

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

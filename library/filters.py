"""The library's search and filters: words (ranked full-text search on PostgreSQL, plain
matching elsewhere, as the public challenge list does), kind, theme, country, region,
year, lifecycle stage and outcome."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from challenges.models import LifecycleStage
from challenges.selectors import words_search
from incubator.models import Theme
from incubator.regions import REGION_NAMES
from incubator.translated import shown
from library.models import EntryKind, LibraryEntry, Outcome

SEARCHED = ("title", "summary", "body")


class LibraryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search words"), method="filter_words", max_length=200, widget=forms.SearchInput
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EntryKind.choices, empty_label=_("Every kind")
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), method="filter_theme", choices=(), empty_label=_("Any theme")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=(), empty_label=_("Any country")
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=list(REGION_NAMES.items()), empty_label=_("Any region")
    )
    year = django_filters.ChoiceFilter(label=_("Year"), choices=(), empty_label=_("Any year"))
    stage = django_filters.ChoiceFilter(
        label=_("Lifecycle stage"), choices=LifecycleStage.choices, empty_label=_("Any stage")
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=Outcome.choices, empty_label=_("Any outcome")
    )

    class Meta:
        model = LibraryEntry
        fields = []  # every filter is declared

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        entries = LibraryEntry.objects.order_by()
        codes = entries.values_list("country", flat=True).distinct()
        self.filters["country"].extra["choices"] = sorted(
            ((code, countries.name(code)) for code in codes), key=lambda choice: choice[1]
        )
        years = sorted(set(entries.values_list("year", flat=True)), reverse=True)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]
        self.filters["theme"].extra["choices"] = list(
            Theme.objects.order_by(shown("name")).values_list("slug", shown("name"))
        )

    def filter_words(self, queryset, name, value):
        return words_search(queryset, value, fields=SEARCHED)

    def filter_theme(self, queryset, name, value):
        # Exists rather than a join: an entry with two themes is still listed once.
        through = LibraryEntry.themes.through.objects.filter(
            libraryentry=OuterRef("pk"), theme__slug=value
        )
        return queryset.filter(Exists(through))

    @property
    def active(self) -> dict[str, str]:
        """The filters in use, as they appear in the address, for links that keep them."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        cleaned = self.form.cleaned_data
        return {name: self.data[name] for name in self.filters if cleaned.get(name)}

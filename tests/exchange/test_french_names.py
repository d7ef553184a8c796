"""The exchange format's optional French names (``name_fr`` of the programme and of each
theme): carried both ways, and a file without them changes nothing French."""

import pytest

from exchange.services import programme_export, programme_import
from incubator.models import Programme, Theme
from tests.exchange.rounds import sample

pytestmark = pytest.mark.django_db


def with_french(data: dict) -> dict:
    data["programme"]["name_fr"] = "Incubateur d’innovation 2025"
    data["themes"][0]["name_fr"] = "Nom français"
    return data


def test_french_names_in_a_file_land_on_the_programme_and_its_themes():
    data = with_french(sample())

    programme_import(data=data)

    assert Programme.objects.get().name_fr == "Incubateur d’innovation 2025"
    assert Theme.objects.get(slug=data["themes"][0]["slug"]).name_fr == "Nom français"


def test_a_file_without_french_names_keeps_those_the_portal_has():
    programme_import(data=with_french(sample()))

    summary = programme_import(data=sample())

    assert Programme.objects.get().name_fr == "Incubateur d’innovation 2025"
    assert Theme.objects.exclude(name_fr="").count() == 1
    assert summary.updated["themes"] == 0


def test_the_export_carries_french_names_only_where_they_are_written():
    data = with_french(sample())
    programme_import(data=data)

    exported = programme_export(programme=Programme.objects.get())

    assert exported["programme"]["name_fr"] == "Incubateur d’innovation 2025"
    french = {theme["slug"]: theme.get("name_fr") for theme in exported["themes"]}
    assert french[data["themes"][0]["slug"]] == "Nom français"
    assert sum(1 for name in french.values() if name is None) == len(french) - 1


def test_a_french_name_is_held_to_the_same_rules_as_the_english_one():
    data = sample()
    data["themes"][0]["name_fr"] = "<b>Gras</b>"

    with pytest.raises(Exception) as caught:
        programme_import(data=data)

    assert "themes[0].name_fr" in " ".join(caught.value.messages)

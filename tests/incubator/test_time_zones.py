"""Times for everyone: zones offered under their current names, grouped and with their
offset; a zone named by its abbreviation or as UTC−05:00; a time printed once when the
zones agree; visitors in the zone their browser reports."""

from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator.forms.accounts import ProfileForm
from incubator.times import in_zone
from incubator.zones import canonical_zone, offset_text, zone_choices
from tests.cohorts.factories import SessionFactory, cohort_member
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db

WINTER = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)


def zone_tab_names() -> set[str]:
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    return {line.split("\t")[2] for line in text.splitlines() if not line.startswith("#")}


def offered_in_the_picker() -> set[str]:
    names = set()
    for value, label in zone_choices(WINTER):
        names |= {name for name, _label in label} if isinstance(label, list) else {value}
    return names


# The list ------------------------------------------------------------------------------


def test_the_picker_offers_current_names_only_never_an_alias():
    offered = offered_in_the_picker()

    assert offered == zone_tab_names() | {"UTC"}
    for alias in ("Africa/Asmera", "Africa/Timbuktu", "Asia/Calcutta", "US/Eastern", "Etc/GMT+5"):
        assert alias not in offered
    assert {"Africa/Asmara", "Asia/Kolkata", "Europe/Kyiv", "Asia/Tokyo"} <= offered


def test_an_alias_stands_for_a_zone_on_the_same_clock():
    assert canonical_zone("Asia/Calcutta") == "Asia/Kolkata"
    assert canonical_zone("Europe/Kiev") == "Europe/Kyiv"
    assert canonical_zone("US/Eastern") == "America/New_York"
    assert canonical_zone("Africa/Timbuktu") == "Africa/Abidjan"
    assert canonical_zone("Etc/UTC") == "UTC"
    assert canonical_zone("Mars/Olympus_Mons") is None


def test_zones_are_grouped_by_region_with_their_offset_now():
    groups = dict(zone_choices(WINTER)[1:])

    assert ("Asia/Tokyo", "Asia/Tokyo (UTC+09:00)") in groups["Asia"]
    assert ("America/Bogota", "America/Bogota (UTC−05:00)") in groups["Americas"]
    assert ("Europe/Paris", "Europe/Paris (UTC+01:00)") in groups["Europe"]
    assert list(groups)[:2] == ["Africa", "Americas"]


def test_the_profile_form_takes_an_alias_as_the_zone_it_stands_for():
    form = ProfileForm(
        data={"display_name": "Priya", "time_zone": "Asia/Calcutta", "language": "en"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == "Asia/Kolkata"


# How a zone is named beside a time -----------------------------------------------------


def test_a_zone_with_an_abbreviation_is_named_by_it():
    assert in_zone(WINTER, "Asia/Tokyo") == "15 January 2027, 21:00 JST (Asia/Tokyo)"
    assert in_zone(WINTER, "Europe/Paris") == "15 January 2027, 13:00 CET (Europe/Paris)"
    assert in_zone(WINTER, "UTC") == "15 January 2027, 12:00 UTC"


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("America/Bogota", "07:00 UTC−05:00 (America/Bogota)"),
        ("America/Sao_Paulo", "09:00 UTC−03:00 (America/Sao_Paulo)"),
        ("Asia/Kathmandu", "17:45 UTC+05:45 (Asia/Kathmandu)"),
        ("Asia/Dubai", "16:00 UTC+04:00 (Asia/Dubai)"),
    ],
)
def test_a_zone_without_an_abbreviation_is_named_by_its_offset_with_a_true_minus(zone, named):
    text = in_zone(WINTER, zone)

    assert text.endswith(named)
    assert "-0" not in text


def test_an_offset_is_written_with_a_true_minus_sign():
    assert offset_text(timedelta(hours=-5)) == "UTC\u221205:00"
    assert offset_text(timedelta(hours=5, minutes=30)) == "UTC+05:30"
    assert offset_text(timedelta(0)) == "UTC+00:00"


# Once when the zones agree, twice when they differ -------------------------------------


def session_page(client_of, zone):
    session = SessionFactory(reference_time_zone="Europe/Paris")
    member = cohort_member(session.cohort, time_zone=zone)
    return client_of(member).get(reverse("cohorts:session", args=[session.pk])).content.decode()


def test_a_session_in_your_own_zone_is_printed_once(client_of):
    page = session_page(client_of, "Europe/Paris")

    assert page.count("(Europe/Paris)") == 1
    assert "Reference time" not in page


def test_a_session_in_another_zone_is_printed_in_both(client_of):
    page = session_page(client_of, "Asia/Tokyo")

    assert page.count("(Europe/Paris)") == 1
    assert page.count("(Asia/Tokyo)") == 1
    assert "Reference time" in page


def test_a_deadline_on_your_clock_is_printed_once_even_under_another_zone_name(client_of):
    CallFactory(deadline_time_zone="Europe/Paris")

    page = client_of(UserFactory(time_zone="Europe/Berlin")).get("/").content.decode()

    assert page.count("(Europe/Paris)") == 1
    assert "(Europe/Berlin)" not in page
    assert "Your time:" not in page


# Visitors ------------------------------------------------------------------------------


def test_a_visitor_without_a_browser_zone_reads_utc_and_is_told_so(client):
    CallFactory(deadline_time_zone="Asia/Tokyo")

    page = client.get("/").content.decode()

    assert "Times are shown in UTC: your browser has not told us your time zone" in page
    assert "In UTC:" in page
    assert "Your time:" not in page


def test_a_visitor_reads_times_in_the_zone_their_browser_reported(client):
    call = CallFactory(deadline_time_zone="Europe/Paris")
    client.cookies["browser_zone"] = "Asia/Tokyo"

    page = client.get("/").content.decode()

    deadline = call.closes_at.astimezone(timezone.get_fixed_timezone(9 * 60))
    assert f"{deadline:%H:%M} JST (Asia/Tokyo)" in page
    assert "Times are shown in your time zone: Asia/Tokyo." in page


def test_an_alias_or_nonsense_from_the_browser_is_mapped_or_ignored(client):
    client.cookies["browser_zone"] = "Asia/Calcutta"
    assert "time zone: Asia/Kolkata." in client.get("/").content.decode()

    client.cookies["browser_zone"] = "<script>"
    assert "Times are shown in UTC" in client.get("/").content.decode()


def test_sign_up_preselects_the_browsers_zone(client):
    client.cookies["browser_zone"] = "Asia/Tokyo"

    page = client.get(reverse("account_signup")).content.decode()

    assert '<option value="Asia/Tokyo" selected>Asia/Tokyo (UTC+09:00)</option>' in page


def test_sign_up_preselects_no_zone_when_the_browser_told_none(client):
    page = client.get(reverse("account_signup")).content.decode()

    assert '<option value="" selected>' in page

"""Every value of an incubation is held to the same rules as the rest of the file: links
are http or https addresses, whole numbers are whole numbers (JSON true and 60.0 are
not), and refs are quoted in messages as everywhere else. A bad value rejects the whole
file, naming its JSON path, and nothing is written."""

import pytest

from exchange.schema import ExchangeError
from exchange.schema.checks import quoted
from exchange.services import programme_export, programme_import
from incubation.models import Meeting
from tests.exchange.test_incubations import a_round_with_an_incubation, everything

pytestmark = pytest.mark.django_db


def refused(spoil) -> list[str]:
    """The messages of importing the round's export after ``spoil`` changed its
    incubation; the database must be as it was."""
    ws = a_round_with_an_incubation()
    document = programme_export(programme=ws.incubation.programme)
    spoil(document["incubations"][0])
    before = everything()
    with pytest.raises(ExchangeError) as error:
        programme_import(data=document)
    assert everything() == before
    return error.value.messages


def milestone(**values):
    return lambda item: item["milestones"][0].update(values)


def meeting(**values):
    return lambda item: item["meetings"][0].update(values)


def team(**values):
    return lambda item: item["teams"][1].update(values)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "not a link", "ftp://files.example.org/plan.pdf"]
)
def test_a_milestone_link_that_is_not_a_web_address_is_refused(link):
    assert f"incubations[0].milestones[0].link: '{link}' is not an http or https address" in (
        refused(milestone(link=link))
    )


def test_a_meeting_joining_link_that_is_not_a_web_address_is_refused():
    assert (
        "incubations[0].meetings[0].joining_link: 'javascript:alert(1)' is not an http or "
        "https address" in refused(meeting(joining_link="javascript:alert(1)"))
    )


@pytest.mark.parametrize(("day", "shown"), [(True, "true"), (1.0, "1.0"), ("1", "1")])
def test_a_working_day_must_be_a_whole_number_not_true_or_a_decimal(day, shown):
    assert (
        f"incubations[0].teams[1].working_days[1]: '{shown}' is not a whole number from 0 to 6"
        in refused(team(working_days=[0, day]))
    )


@pytest.mark.parametrize(("minutes", "shown"), [(60.0, "60.0"), (True, "true"), (61, "61")])
def test_a_duration_must_be_one_of_the_whole_numbers_of_minutes(minutes, shown):
    assert (
        f"incubations[0].meetings[0].duration_minutes: '{shown}' is not one of: 30, 45, 60, 90"
        in refused(meeting(duration_minutes=minutes))
    )


def test_a_sequence_must_be_a_whole_number_not_a_decimal():
    assert (
        "incubations[0].meetings[0].sequence: '1.0' is not a whole number from 0 to 2147483647"
        in refused(meeting(sequence=1.0))
    )


def test_refs_in_incubation_messages_are_quoted_like_the_rest_of_the_file():
    messages = refused(lambda item: item.update(challenge="ch-999999"))

    assert messages[0] == (
        "incubations[0].challenge: 'ch-999999' is not a challenge of this file or of the programme"
    )


def test_a_meeting_uid_used_twice_in_the_file_is_refused_pointing_at_its_first_use():
    def twice(item):
        item["meetings"].append(dict(item["meetings"][0]))

    assert refused(twice) == [
        f"incubations[0].meetings[1].uid: {quoted(uid)} is used twice "
        "(first at incubations[0].meetings[0])"
        for uid in Meeting.objects.values_list("uid", flat=True)
    ]

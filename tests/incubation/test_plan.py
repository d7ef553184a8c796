"""The joint work plan: any member changes it and the history says who changed what and
when; each team agrees to a version; milestones are added, changed and marked done with
a note and a link or a checked file; working hours are the team's own. Bad input gets a
clear error summary, keeps what was typed, and never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incubation.models import Milestone, MilestoneState
from incubator.models import Notification
from tests.challenges.files import PDF, upload
from tests.incubation.factories import workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def ws():
    return workspace()


def url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.pk, *args])


def plan_form(ws, **changes) -> dict:
    data = {"goal": "Ten letters rewritten.", "deliverables": "A method."}
    for team in ws.incubation.teams.all():
        data[f"brings_{team.pk}"] = ""
    return {**data, **changes}


def test_a_member_changes_the_plan_the_history_names_them_and_the_others_are_asked_to_agree(
    ws, client_of
):
    client = client_of(ws.owner)

    response = client.post(
        url(ws, "plan_edit"), plan_form(ws, **{f"brings_{ws.provider_team.pk}": "Templates."})
    )

    assert response.status_code == 302
    page = client.get(url(ws, "plan")).content.decode()
    assert "Ten letters rewritten." in page
    assert "Templates." in page
    assert (
        f"{ws.owner} changed the plan: goal, expected deliverables, what "
        f"{ws.provider_team.organisation.name} brings." in page
    )
    assert "Version 1." in page
    assert f"{ws.owner_team.organisation.name}: <strong>agrees</strong>" in page
    assert f"{ws.provider_team.organisation.name}: has not agreed yet" in page
    told = Notification.objects.get(key__startswith="plan-changed:")
    assert told.to_email == ws.provider.email
    assert "changed the joint work plan (now version 1)" in told.body_text


def test_the_other_team_agrees_to_the_version_it_read(ws, client_of):
    client_of(ws.owner).post(url(ws, "plan_edit"), plan_form(ws))
    client = client_of(ws.provider)

    response = client.post(url(ws, "plan_agree", ws.provider_team.pk), follow=True)

    page = response.content.decode()
    assert f"{ws.provider_team.organisation.name} agrees to the plan as it stands." in page
    assert f"{ws.provider} agreed to version 1 of the plan for" in page
    ws.provider_team.refresh_from_db()
    assert ws.provider_team.agreed_plan_version == 1


def test_a_team_agrees_only_for_itself(ws, client_of):
    response = client_of(ws.provider).post(url(ws, "plan_agree", ws.owner_team.pk), follow=True)

    assert "Only members of" in response.content.decode()
    ws.owner_team.refresh_from_db()
    assert ws.owner_team.agreed_plan_version is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"goal": ""}, "This field is required."),
        (
            {"goal": "x" * 2001},
            "Keep this to 2,000 characters or fewer: it has 2,001, which is 1 character too many.",
        ),
        ({"goal": "<script>alert(1)</script>"}, "Use plain text here"),
    ],
)
def test_bad_plan_input_is_refused_with_a_summary_and_kept(ws, client_of, change, problem):
    response = client_of(ws.owner).post(url(ws, "plan_edit"), plan_form(ws, **change))

    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert '<a href="#id_goal">Goal: ' in page
    assert problem in page
    if change["goal"]:
        assert change["goal"].replace("<", "&lt;").replace(">", "&gt;")[:50] in page
    ws.incubation.refresh_from_db()
    assert ws.incubation.goal == "Pilot it."


def milestone_data(ws, **changes) -> dict:
    due = timezone.localdate() + timedelta(days=20)
    data = {"title": "Letters chosen", "team": ws.owner_team.pk, "due_on": due.isoformat()}
    return {**data, **changes}


def test_a_milestone_is_added_with_its_owner_team_and_due_day(ws, client_of):
    client = client_of(ws.provider)

    response = client.post(url(ws, "milestone_new"), milestone_data(ws), follow=True)

    page = response.content.decode()
    assert "The milestone is added to the plan." in page
    assert "Letters chosen" in page
    milestone = Milestone.objects.get()
    assert milestone.team == ws.owner_team
    assert f"{ws.provider} added the milestone “Letters chosen”." in page


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"title": ""}, "id_title", "This field is required."),
        ({"due_on": "2020-01-01"}, "id_due_on", "That day has passed."),
        ({"due_on": "tomorrow"}, "id_due_on", "Enter a date such as 2027-03-26"),
        ({"team": "999999"}, "id_team_0", "Choose one of the teams of this incubation."),
    ],
)
def test_bad_milestones_are_refused_with_a_summary_and_kept(ws, client_of, change, field, problem):
    response = client_of(ws.owner).post(url(ws, "milestone_new"), milestone_data(ws, **change))

    page = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#{field}">' in page
    assert problem in page
    assert not Milestone.objects.exists()


def test_another_incubations_team_cannot_own_a_milestone_here(ws, client_of):
    other = workspace()

    response = client_of(ws.owner).post(
        url(ws, "milestone_new"), milestone_data(ws, team=other.owner_team.pk)
    )

    assert response.status_code == 400
    assert "Choose one of the teams of this incubation." in response.content.decode()


def test_a_milestone_is_marked_done_with_a_note_and_a_checked_file_the_others_can_download(
    ws, client_of
):
    client_of(ws.owner).post(url(ws, "milestone_new"), milestone_data(ws))
    milestone = Milestone.objects.get()

    response = client_of(ws.owner).post(
        url(ws, "milestone_done", milestone.pk),
        {"note": "Chosen with four ministries.", "file": upload("letters.pdf", PDF)},
        follow=True,
    )

    page = response.content.decode()
    assert "The milestone is done. 1 person is told by email." in page
    assert "Chosen with four ministries." in page
    assert "Download letters.pdf" in page
    download = client_of(ws.provider).get(url(ws, "milestone_file", milestone.pk))
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="letters.pdf"' in download["Content-Disposition"]
    told = Notification.objects.get(key=f"milestone-done:{milestone.pk}:{ws.provider.pk}")
    assert "Chosen with four ministries." in told.body_text


def test_a_file_that_is_not_what_it_says_is_refused_and_the_milestone_stays_open(ws, client_of):
    client_of(ws.owner).post(url(ws, "milestone_new"), milestone_data(ws))
    milestone = Milestone.objects.get()

    response = client_of(ws.owner).post(
        url(ws, "milestone_done", milestone.pk),
        {"note": "Done", "file": upload("letters.pdf", b"MZ\x90\x00 not a pdf")},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_file">' in page
    assert "is not a file we accept" in page
    assert "Done" in page  # the note typed is kept
    milestone.refresh_from_db()
    assert milestone.state == MilestoneState.PLANNED


def test_a_done_milestone_cannot_be_changed_or_done_again(ws, client_of):
    client = client_of(ws.owner)
    client.post(url(ws, "milestone_new"), milestone_data(ws))
    milestone = Milestone.objects.get()
    client.post(url(ws, "milestone_done", milestone.pk), {"note": "Done"})

    again = client.post(url(ws, "milestone_done", milestone.pk), {"note": "Again"})
    changed = client.post(
        url(ws, "milestone_edit", milestone.pk), milestone_data(ws, state="dropped")
    )

    assert (
        "Only a planned milestone or one in progress can be marked done." in again.content.decode()
    )
    assert "This milestone is done; it can no longer be changed." in changed.content.decode()
    milestone.refresh_from_db()
    assert (milestone.state, milestone.done_note) == (MilestoneState.DONE, "Done")


def test_a_team_sets_its_own_working_hours_and_the_overview_shows_them(ws, client_of):
    client = client_of(ws.provider)

    response = client.post(
        url(ws, "hours", ws.provider_team.pk),
        {"weekdays": ["0", "1", "2"], "day_starts": "07:00", "day_ends": "20:00"},
        follow=True,
    )

    page = response.content.decode()
    assert "are saved. New meeting proposals use them." in page
    assert "Monday, Tuesday, Wednesday, 07:00–20:00" in page


def test_working_hours_that_end_before_they_start_are_refused(ws, client_of):
    response = client_of(ws.provider).post(
        url(ws, "hours", ws.provider_team.pk),
        {"weekdays": [], "day_starts": "18:00", "day_ends": "09:00"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_weekdays_0">' in page
    assert "Choose at least one working day." in page
    assert 'value="18:00"' in page


def test_a_closed_incubation_stays_readable_and_refuses_every_change(ws, client_of):
    ws.incubation.state = "closed"
    ws.incubation.save()
    client = client_of(ws.owner)

    page = client.get(url(ws, "plan")).content.decode()
    response = client.post(url(ws, "plan_edit"), plan_form(ws, goal="Changed after closing"))

    assert "This incubation is closed." in page
    assert "Change the plan" not in page.split("</h2>", 1)[1]
    assert response.status_code == 400
    assert "This incubation is closed: it stays readable, but nothing can be changed." in (
        response.content.decode()
    )

"""Who sees what, page by page and object by object: the teams' members see their
incubation; the secretariat sees every one (after its second factor); the mentor sees
the ones it is attached to; a member of another team, a reviewer who is not the mentor
and a visitor get 404 for every page, file, message and meeting, whatever the id, and
never the content."""

import pytest
from django.urls import reverse

from incubation.services.workspace import mentor_attach
from tests.factories import secretariat_user
from tests.incubation.factories import everything_in, reviewer, workspace

pytestmark = pytest.mark.django_db

SECRET = "Letters chosen"  # the milestone's title: nobody outside may read it


@pytest.fixture
def world():
    ws = workspace()
    objects = everything_in(ws)
    mentor = reviewer(display_name="Ingrid Mentor")
    mentor_attach(incubation=ws.incubation, mentor=mentor, by=ws.secretariat)
    elsewhere = workspace()  # another incubation, with its own teams
    return {
        "ws": ws,
        "objects": objects,
        "mentor": mentor,
        "outsider": elsewhere.owner,
        "reviewer": reviewer(),
        "secretariat_without_second_factor": secretariat_user(second_factor=False),
        "elsewhere": elsewhere,
    }


def reading_pages(ws, o) -> dict[str, str]:
    pk = ws.incubation.pk
    return {
        "overview": reverse("incubation:overview", args=[pk]),
        "plan": reverse("incubation:plan", args=[pk]),
        "milestone file": reverse("incubation:milestone_file", args=[pk, o.milestone.pk]),
        "meetings": reverse("incubation:meetings", args=[pk]),
        "polling meeting": reverse("incubation:meeting", args=[pk, o.polling.pk]),
        "fixed meeting": reverse("incubation:meeting", args=[pk, o.fixed.pk]),
        "invitation": reverse("incubation:meeting_invitation", args=[pk, o.fixed.pk]),
        "messages": reverse("incubation:messages", args=[pk]),
        "reply": reverse("incubation:message_reply", args=[pk, o.message.pk]),
        "message file": reverse("incubation:message_file", args=[pk, o.message.pk]),
        "check-ins": reverse("incubation:checkins", args=[pk]),
        "closing": reverse("incubation:closing", args=[pk]),
    }


def working_pages(ws, o, team=None) -> dict[str, str]:
    pk = ws.incubation.pk
    return {
        "hours": reverse("incubation:hours", args=[pk, (team or ws.owner_team).pk]),
        "plan form": reverse("incubation:plan_edit", args=[pk]),
        "new milestone": reverse("incubation:milestone_new", args=[pk]),
        "milestone form": reverse("incubation:milestone_edit", args=[pk, o.milestone.pk]),
        "milestone done": reverse("incubation:milestone_done", args=[pk, o.milestone.pk]),
        "new meeting": reverse("incubation:meeting_new", args=[pk]),
        "new time": reverse("incubation:meeting_reschedule", args=[pk, o.fixed.pk]),
    }


def posts(ws, o) -> dict[str, str]:
    pk = ws.incubation.pk
    return {
        "start": reverse("incubation:activate", args=[pk]),
        "agree": reverse("incubation:plan_agree", args=[pk, ws.owner_team.pk]),
        "answer": reverse("incubation:meeting_answer", args=[pk, o.polling.pk]),
        "fix": reverse("incubation:meeting_fix", args=[pk, o.polling.pk]),
        "cancel": reverse("incubation:meeting_cancel", args=[pk, o.fixed.pk]),
        "write": reverse("incubation:messages", args=[pk]),
        "emails": reverse("incubation:email_choice", args=[pk]),
        "pin": reverse("incubation:message_pin", args=[pk, o.message.pk]),
        "check in": reverse("incubation:checkin_send", args=[pk, ws.owner_team.pk]),
        "report": reverse("incubation:closing_report", args=[pk, ws.owner_team.pk]),
        "mentor": reverse("incubation:mentor", args=[pk]),
        "start closing": reverse("incubation:closing_start", args=[pk]),
        "close": reverse("incubation:close", args=[pk]),
    }


def desk_pages(ws, o) -> dict[str, str]:
    slug = ws.incubation.programme.slug
    return {
        "manage": reverse("incubation:manage", args=[ws.incubation.pk]),
        "programmes": reverse("incubation:desk_programmes"),
        "desk": reverse("incubation:desk", args=[slug]),
        "desk CSV": reverse("incubation:desk_csv", args=[slug]),
        "desk check-ins": reverse("incubation:desk_checkins", args=[slug]),
        "answer a check-in": reverse("incubation:desk_checkin_answer", args=[o.checkin.pk]),
        "interval": reverse("incubation:desk_interval", args=[slug]),
    }


def every_page(ws, o) -> dict[str, str]:
    return {**reading_pages(ws, o), **working_pages(ws, o), **desk_pages(ws, o)}


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("who", ["outsider", "reviewer", "visitor"])
def test_people_outside_the_incubation_get_404_for_every_page_file_and_action(
    world, who, client, client_of
):
    ws, o = world["ws"], world["objects"]
    browser = client if who == "visitor" else client_of(world[who])
    for name, url in every_page(ws, o).items():
        response = browser.get(url)
        assert response.status_code == 404, (who, name, response.status_code)
        assert SECRET not in body(response), (who, name)
    for name, url in posts(ws, o).items():
        response = browser.post(url, {"body": "Let me in", "reason": "x", "confirmed": "yes"})
        assert response.status_code == 404, (who, name, response.status_code)
    ws.incubation.refresh_from_db()
    assert ws.incubation.state == "closing"
    assert ws.incubation.messages.count() == 1


def test_a_visitor_is_offered_to_sign_in_and_come_back(world, client):
    url = reading_pages(world["ws"], world["objects"])["plan"]

    response = client.get(url)

    assert response.status_code == 404
    page = body(response)
    assert "Sign in to see your team" in page
    assert f"/accounts/login/?next={url.replace('/', '%2F')}" in page


def test_guessing_the_ids_of_another_incubations_objects_gets_404(world, client_of):
    ws, o = world["ws"], world["objects"]
    browser = client_of(world["elsewhere"].owner)
    mine = world["elsewhere"].incubation.pk
    guesses = [
        reverse("incubation:milestone_file", args=[mine, o.milestone.pk]),
        reverse("incubation:milestone_done", args=[mine, o.milestone.pk]),
        reverse("incubation:meeting", args=[mine, o.fixed.pk]),
        reverse("incubation:meeting_invitation", args=[mine, o.fixed.pk]),
        reverse("incubation:message_reply", args=[mine, o.message.pk]),
        reverse("incubation:message_file", args=[mine, o.message.pk]),
        reverse("incubation:hours", args=[mine, ws.owner_team.pk]),
        reverse("incubation:overview", args=[ws.incubation.pk + 1000]),
    ]
    for url in guesses:
        response = browser.get(url)
        assert response.status_code == 404, url
        assert SECRET not in body(response)


def test_the_members_of_both_teams_read_everything_and_use_the_forms(world, client_of):
    ws, o = world["ws"], world["objects"]
    for person, team in ((ws.owner, ws.owner_team), (ws.provider, ws.provider_team)):
        browser = client_of(person)
        for name, url in {**reading_pages(ws, o), **working_pages(ws, o, team)}.items():
            assert browser.get(url).status_code == 200, (person, name)
        for name, url in desk_pages(ws, o).items():
            assert browser.get(url).status_code == 404, (person, name)
        other = ws.provider_team if team == ws.owner_team else ws.owner_team
        assert browser.get(working_pages(ws, o, other)["hours"]).status_code == 404
    plan = client_of(ws.provider).get(reading_pages(ws, o)["plan"])
    assert SECRET in plan.content.decode()


def test_the_mentor_reads_the_incubation_it_is_attached_to_and_no_other(world, client_of):
    ws, o = world["ws"], world["objects"]
    browser = client_of(world["mentor"])
    for name, url in reading_pages(ws, o).items():
        assert browser.get(url).status_code == 200, name
    for name, url in {**working_pages(ws, o), **desk_pages(ws, o)}.items():
        assert browser.get(url).status_code == 404, name
    other = world["elsewhere"].incubation
    assert browser.get(reverse("incubation:overview", args=[other.pk])).status_code == 404
    mine = browser.get(reverse("incubation:mine")).content.decode()
    assert ws.incubation.challenge.title in mine


def test_a_mentor_who_leaves_the_advisory_board_no_longer_sees_the_incubation(world, client_of):
    mentor = world["mentor"]
    mentor.role_grants.all().delete()

    response = client_of(mentor).get(
        reverse("incubation:overview", args=[world["ws"].incubation.pk])
    )

    assert response.status_code == 404


def test_the_secretariat_reads_every_incubation_and_its_desk(world, client_of):
    ws, o = world["ws"], world["objects"]
    browser = client_of(ws.secretariat)
    for name, url in {**reading_pages(ws, o), **desk_pages(ws, o)}.items():
        assert browser.get(url).status_code == 200, name
    for name, url in working_pages(ws, o).items():
        assert browser.get(url).status_code == 404, name


def test_the_secretariat_sets_up_its_second_factor_before_any_incubation_page(world, client_of):
    ws, o = world["ws"], world["objects"]
    browser = client_of(world["secretariat_without_second_factor"])
    for name, url in {**reading_pages(ws, o), **desk_pages(ws, o)}.items():
        response = browser.get(url)
        assert response.status_code == 302, name
        assert response.url == reverse("mfa_activate_totp"), name


def test_the_navigation_offers_my_incubations_only_to_people_who_have_one(world, client_of):
    member_page = client_of(world["ws"].owner).get(reverse("incubator:dashboard")).content.decode()
    assert 'href="/incubations/"' in member_page
    assert world["ws"].incubation.challenge.title in member_page  # the portal's section

    stranger = client_of(reviewer()).get(reverse("incubator:dashboard")).content.decode()
    assert "My incubations" not in stranger

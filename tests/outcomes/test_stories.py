"""Stories: a member of a matched team writes one about the journey, saves drafts, sends
it for approval; the secretariat publishes it or sends it back with a reason. The public
reads it only once approved, and only while both teams consent."""

import pytest
from django.urls import reverse

from incubator.models import AuditEntry
from outcomes.models import ShowcaseConsent, Story
from tests.factories import OrganisationFactory, UserFactory, secretariat_user
from tests.outcomes.factories import (
    ConfirmedMatchFactory,
    StoryFactory,
    member_of,
    shown_match,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("outcomes:story_queue")
STORY = {
    "title": "What a ferry taught us about schools",
    "expectations": "A ready-made tool we could copy.",
    "learned": "Their method mattered more than their software.",
    "pain_points": "Finding a meeting hour across two time zones.",
    "written_in": "en",
}


def story_url(match, organisation):
    return reverse(
        "outcomes:story_edit", kwargs={"match_pk": match.pk, "organisation_pk": organisation.pk}
    )


def desk_url(story):
    return reverse("outcomes:story_desk", kwargs={"pk": story.pk})


def public_pages(client, match):
    showcase = client.get(reverse("outcomes:showcase", kwargs={"slug": match.programme.slug}))
    case = client.get(
        reverse("outcomes:showcase_case", kwargs={"slug": match.programme.slug, "pk": match.pk})
    )
    return showcase.content.decode() + case.content.decode()


@pytest.fixture
def desk(client_for):
    return client_for(secretariat_user(display_name="Desk Officer"))


@pytest.fixture
def match():
    return shown_match(challenge__title="Island pupils miss school")


@pytest.fixture
def author(match):
    return member_of(match.challenge.organisation, display_name="Ana Silva")


def test_a_story_is_invisible_to_the_public_until_the_secretariat_approves_it(
    client_for, client, match, author, desk
):
    url = story_url(match, match.challenge.organisation)
    client_for(author).post(url, {**STORY, "save": "1"})
    story = Story.objects.get()
    assert story.state == "draft"
    assert STORY["title"] not in public_pages(client, match)

    client_for(author).post(url, {**STORY, "submit": "1"})
    story.refresh_from_db()
    assert story.state == "submitted"
    assert STORY["title"] not in public_pages(client, match)
    assert STORY["title"] in desk.get(QUEUE).content.decode()

    response = desk.post(desk_url(story), {"decision": "approve"})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.state == "approved"
    published = public_pages(client, match)
    assert STORY["title"] in published
    assert STORY["pain_points"] in published
    assert AuditEntry.objects.filter(action="story.approved").exists()


def test_an_approved_story_disappears_when_its_team_withdraws_consent(client, match):
    StoryFactory(match=match, title="What the islands taught us")
    assert "What the islands taught us" in public_pages(client, match)

    ShowcaseConsent.objects.filter(organisation=match.challenge.organisation).update(given=False)

    assert "What the islands taught us" not in public_pages(client, match)


def test_an_approved_story_stays_hidden_while_the_other_team_has_not_consented(client):
    match = ConfirmedMatchFactory()
    ShowcaseConsent.objects.create(
        programme=match.programme, organisation=match.challenge.organisation, given=True
    )
    StoryFactory(match=match, title="What the islands taught us")

    assert "What the islands taught us" not in public_pages(client, match)


def test_the_secretariat_sends_a_story_back_with_a_reason_and_the_team_resends_it(
    client_for, match, author, desk
):
    story = StoryFactory(match=match, state="submitted", created_by=author)

    without_reason = desk.post(desk_url(story), {"decision": "reject", "reason": " "})
    assert without_reason.status_code == 400
    assert "There is a problem" in without_reason.content.decode()
    desk.post(desk_url(story), {"decision": "reject", "reason": "Name the tool you adopted."})

    story.refresh_from_db()
    assert story.state == "rejected"
    team_page = client_for(author).get(reverse("outcomes:mine")).content.decode()
    assert "Name the tool you adopted." in team_page
    form = client_for(author).get(story_url(match, match.challenge.organisation))
    assert "Name the tool you adopted." in form.content.decode()
    client_for(author).post(
        story_url(match, match.challenge.organisation),
        {**STORY, "learned": "We adopted their booking tool.", "submit": "1"},
    )
    story.refresh_from_db()
    assert (story.state, story.learned) == ("submitted", "We adopted their booking tool.")


def test_sending_an_unfinished_story_names_what_is_missing_and_keeps_what_was_typed(
    client_for, match, author
):
    response = client_for(author).post(
        story_url(match, match.challenge.organisation),
        {**STORY, "pain_points": "", "learned": "Half a thought", "submit": "1"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert 'href="#id_pain_points"' in page
    assert "Half a thought" in page
    assert not Story.objects.filter(state="submitted").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("learned", "<script>alert(1)</script>", "Use plain text here"),
        ("title", "x" * 151, "Keep this to 150 characters or fewer"),
    ],
)
def test_markup_and_overlong_text_are_refused_with_a_message(
    client_for, match, author, field, value, message
):
    response = client_for(author).post(
        story_url(match, match.challenge.organisation), {**STORY, field: value, "save": "1"}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Story.objects.exists()


def test_a_story_with_the_secretariat_or_published_can_no_longer_be_changed(
    client_for, match, author
):
    story = StoryFactory(match=match, state="approved", title="Published already")

    response = client_for(author).post(
        story_url(match, match.challenge.organisation), {**STORY, "save": "1"}
    )

    story.refresh_from_db()
    assert response.status_code == 200
    assert "Published already" in response.content.decode()
    assert story.title == "Published already"


def test_only_members_of_the_matched_teams_write_its_stories(client_for, match):
    outsider = member_of(OrganisationFactory())
    own_team_elsewhere = member_of(OrganisationFactory())

    for person, organisation in (
        (outsider, match.challenge.organisation),
        (own_team_elsewhere, own_team_elsewhere.organisations.get()),
    ):
        client = client_for(person)
        assert client.get(story_url(match, organisation)).status_code == 404
        assert client.post(story_url(match, organisation), STORY).status_code == 404
    assert not Story.objects.exists()


def test_an_unconfirmed_match_has_no_story(client_for):
    match = ConfirmedMatchFactory(state="proposed")
    author = member_of(match.challenge.organisation)

    assert client_for(author).get(story_url(match, match.challenge.organisation)).status_code == 404


def test_the_story_queue_is_for_the_secretariat_only(client_for, client, match, author):
    story = StoryFactory(match=match, state="submitted")

    assert client.get(QUEUE).status_code == 302
    for url in (QUEUE, desk_url(story)):
        assert client_for(author).get(url).status_code == 403
    assert client_for(author).post(desk_url(story), {"decision": "approve"}).status_code == 403
    without_second_factor = client_for(secretariat_user(second_factor=False))
    assert without_second_factor.get(QUEUE).status_code == 302
    story.refresh_from_db()
    assert story.state == "submitted"


def test_a_decided_story_cannot_be_decided_again(match, desk):
    story = StoryFactory(match=match, state="approved")

    response = desk.post(desk_url(story), {"decision": "reject", "reason": "Changed my mind."})

    story.refresh_from_db()
    assert story.state == "approved"
    assert response.status_code == 400
    assert "not waiting for approval any more" in response.content.decode()


def test_the_queue_shows_stories_waiting_first_and_the_others_by_state(match, desk):
    StoryFactory(match=match, state="submitted", title="Waiting story")
    StoryFactory(
        match=match,
        organisation=match.solution.organisation,
        state="approved",
        title="Published story",
    )

    waiting = desk.get(QUEUE).content.decode()
    published = desk.get(QUEUE, {"state": "approved"}).content.decode()

    assert "Waiting story" in waiting and "Published story" not in waiting
    assert "Published story" in published and "Waiting story" not in published
    assert desk.get(QUEUE, {"state": "nonsense"}).status_code == 200


def test_the_story_queue_issues_as_many_queries_with_300_stories_as_with_3(
    desk, queries_to_render, django_assert_max_num_queries
):
    def two_stories():
        match = ConfirmedMatchFactory(
            challenge__organisation=OrganisationFactory(country="KE"),
        )
        StoryFactory(match=match, state="submitted", created_by=UserFactory())
        StoryFactory(match=match, organisation=match.solution.organisation, state="submitted")

    two_stories()
    StoryFactory(state="submitted")
    few = queries_to_render(desk, QUEUE)

    for _ in range(148):
        two_stories()
    StoryFactory(state="submitted")

    with django_assert_max_num_queries(few):
        page = desk.get(QUEUE).content.decode()
    assert "300 stories" in page

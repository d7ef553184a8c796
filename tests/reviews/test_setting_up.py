"""What the secretariat sets up before reviewers score: the phase and its dates, the
rubric, the reviewer pool and its profiles, and assignments by hand."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from incubator.models import Notification, Role, RoleGrant
from reviews.models import Assignment, Criterion, ReviewerProfile, ReviewPhase
from reviews.services import conflict_declare
from tests.factories import (
    CallFactory,
    MembershipFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)
from tests.reviews.factories import (
    assign,
    challenge_under_review,
    review_call,
    reviewer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user(time_zone="Europe/Paris"))


def url(name, call, **kwargs):
    return reverse(name, kwargs={"call_pk": call.pk, **kwargs})


# The phase ------------------------------------------------------------------------------


def test_the_phase_is_typed_in_the_viewers_zone_and_stored_in_utc(desk):
    call = CallFactory()

    response = desk.post(
        url("reviews:phase", call),
        {
            "opens_at": "2027-03-01T09:00",
            "due_at": "2027-03-20T17:00",
            "closes_at": "2027-03-31T17:00",
            "reviewers_per_submission": "2",
            "anonymised": "on",
        },
    )

    assert response.status_code == 302
    phase = ReviewPhase.objects.get(call=call)
    assert phase.opens_at == datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    assert (phase.reviewers_per_submission, phase.anonymised) == (2, True)
    assert phase.reviewers_see_scores is False


def test_phase_dates_out_of_order_are_refused_with_the_typed_values_kept(desk):
    call = CallFactory()

    response = desk.post(
        url("reviews:phase", call),
        {
            "opens_at": "2027-03-10T09:00",
            "due_at": "2027-03-01T09:00",
            "closes_at": "2027-02-01T09:00",
            "reviewers_per_submission": "0",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Reviews must be due after they open." in page
    assert "The phase cannot close before reviews are due." in page
    assert "Ensure this value is greater than or equal to 1." in page
    assert 'value="2027-03-10T09:00"' in page
    assert not ReviewPhase.objects.exists()


# The rubric -----------------------------------------------------------------------------


def rubric_data(rows, *, initial=0):
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"criteria-{n}-{key}"] = value
    return data


def criterion_row(name, weight="1", **extra):
    row = {"name": name, "description": f"About {name}.", "weight": weight}
    row.update({f"anchor_{point}": f"{name} {point}" for point in range(1, 6)})
    row.update(extra)
    return row


def test_a_call_without_a_rubric_is_offered_the_default_one(desk):
    page = desk.get(url("reviews:rubric", CallFactory())).content.decode()

    for name in ("Relevance", "Novelty", "Feasibility", "Transferability", "Commitment"):
        assert f'value="{name}"' in page
    assert "Here is the default one" in page


def test_saving_the_rubric_keeps_the_order_weights_and_anchors(desk):
    call = CallFactory()

    response = desk.post(
        url("reviews:rubric", call),
        rubric_data([criterion_row("Relevance", "3"), criterion_row("Novelty", "2")]),
    )

    assert response.status_code == 302
    relevance, novelty = Criterion.objects.filter(call=call).order_by("position")
    assert (relevance.name, relevance.weight, novelty.weight) == ("Relevance", 3, 2)
    assert relevance.anchors == [f"Relevance {point}" for point in range(1, 6)]


def test_criteria_can_be_removed_renamed_and_added(desk):
    call = review_call()  # Relevance, Novelty, Feasibility
    relevance, novelty, feasibility = Criterion.objects.filter(call=call).order_by("position")

    desk.post(
        url("reviews:rubric", call),
        rubric_data(
            [
                criterion_row("Relevance", "3", id=str(relevance.pk)),
                criterion_row("Originality", "2", id=str(novelty.pk)),
                criterion_row("Feasibility", id=str(feasibility.pk), DELETE="on"),
                criterion_row("Commitment"),
            ],
            initial=3,
        ),
    )

    names = list(Criterion.objects.filter(call=call).values_list("name", flat=True))
    assert names == ["Relevance", "Originality", "Commitment"]
    assert Criterion.objects.get(name="Originality").pk == novelty.pk


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [criterion_row("Relevance"), criterion_row("relevance ")],
            "Give each criterion a different name.",
        ),
        ([criterion_row("Relevance", anchor_3="")], "This field is required."),
        ([criterion_row("Relevance", "0")], "greater than or equal to 1"),
        ([criterion_row("Relevance", "many")], "Enter a whole number."),
        ([criterion_row("<b>Relevance</b>")], "Use plain text here"),
    ],
)
def test_a_rubric_with_mistakes_is_refused_with_the_summary(desk, rows, message):
    call = CallFactory()

    response = desk.post(url("reviews:rubric", call), rubric_data(rows))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "There is a problem" in page
    assert message in page
    assert not Criterion.objects.exists()


def test_the_rubric_is_locked_once_a_review_is_submitted(desk):
    call = review_call()
    assign(challenge_under_review(call), reviewer(), scores=[3, 3, 3], submitted=True)

    page = desk.get(url("reviews:rubric", call)).content.decode()
    desk.post(url("reviews:rubric", call), rubric_data([criterion_row("Only this")]))

    assert "it can no longer change" in page
    assert Criterion.objects.filter(call=call).count() == 3


# The pool -------------------------------------------------------------------------------


def test_the_pool_lists_everyone_with_the_reviewer_role(desk):
    reviewer(display_name="Ana Reviewer", country="CL")
    RoleGrant.objects.create(user=UserFactory(display_name="Bo Noprofile"), role=Role.REVIEWER)
    UserFactory(display_name="Carla Teammember")

    page = desk.get(reverse("reviews:pool")).content.decode()

    assert "Ana Reviewer" in page and "Chile" in page
    assert "Bo Noprofile" in page and "No profile yet" in page
    assert "Carla Teammember" not in page


def test_the_pool_issues_as_many_queries_with_300_reviewers_as_with_3(
    desk, queries_to_render, django_assert_max_num_queries
):
    themes = [ThemeFactory(), ThemeFactory()]
    team = OrganisationFactory()

    def some_reviewers(count):
        for _n in range(count):
            assign(
                challenge_under_review(call),
                reviewer(themes=themes, country="FR", organisation=team),
            )

    call = review_call()
    some_reviewers(3)
    few = queries_to_render(desk, reverse("reviews:pool"))
    some_reviewers(297)

    with django_assert_max_num_queries(few):
        desk.get(reverse("reviews:pool"))
    with django_assert_max_num_queries(few):
        desk.get(reverse("reviews:pool") + "?page=6")


def test_a_profile_is_edited_by_the_secretariat(desk):
    person = reviewer()
    theme = ThemeFactory(name="Water")
    team = OrganisationFactory(name="Lisbon water agency")

    response = desk.post(
        reverse("reviews:pool_profile", kwargs={"user_pk": person.pk}),
        {"themes": [theme.pk], "languages": ["es", "fr"], "country": "CL", "organisation": team.pk},
    )

    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(user=person)
    assert (profile.languages, profile.country.code, profile.organisation) == (
        ["es", "fr"],
        "CL",
        team,
    )
    assert list(profile.themes.all()) == [theme]


def test_a_profile_with_an_unknown_value_is_refused_at_its_field(desk):
    person = reviewer()

    response = desk.post(
        reverse("reviews:pool_profile", kwargs={"user_pk": person.pk}),
        {"languages": ["xx"], "country": "ZZ"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "“xx” is not a language code we know." in page
    assert "Select a valid choice. ZZ is not one of the available choices." in page


def test_a_theme_id_no_database_can_hold_is_refused_like_any_unknown_theme(desk):
    person = reviewer()

    response = desk.post(
        reverse("reviews:pool_profile", kwargs={"user_pk": person.pk}),
        {"themes": [str(10**30)], "languages": ["es"], "country": "CL"},
    )

    assert response.status_code == 200
    assert f"Select a valid choice. {10**30} is not one of the available choices." in (
        response.content.decode()
    )


def test_only_people_in_the_pool_have_a_profile_page(desk):
    outsider = UserFactory()

    assert (
        desk.get(reverse("reviews:pool_profile", kwargs={"user_pk": outsider.pk})).status_code
        == 404
    )


# Assignment by hand ---------------------------------------------------------------------


def test_the_secretariat_adds_a_reviewer_by_hand_and_they_are_told(desk):
    item = challenge_under_review(review_call(), title="Island ferries")
    person = reviewer(display_name="Ana Reviewer")

    response = desk.post(
        url("reviews:item_act", item.call, item_pk=item.pk),
        {"action": "add", "reviewer": person.pk},
        follow=True,
    )

    assert "Ana Reviewer is added. 1 person is told by email." in response.content.decode()
    assert Assignment.objects.filter(item=item, reviewer=person).exists()
    item.refresh_from_db()
    assert item.reviewers == 1
    email = Notification.objects.get(recipient=person)
    assert "Island ferries" in email.body_text


def test_a_conflicted_reviewer_cannot_be_added_by_hand(desk):
    team = OrganisationFactory(country="CL")
    item = challenge_under_review(review_call(), organisation=team)
    same_country = reviewer(country="CL")
    affiliated = reviewer(organisation=team)
    member = reviewer()
    MembershipFactory(organisation=team, user=member)

    page = desk.get(url("reviews:item", item.call, item_pk=item.pk)).content.decode()
    for person in (same_country, affiliated, member):
        assert f'<option value="{person.pk}"' not in page
        response = desk.post(
            url("reviews:item_act", item.call, item_pk=item.pk),
            {"action": "add", "reviewer": person.pk},
        )
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    assert not Assignment.objects.exists()


def test_the_secretariat_removes_an_assignment(desk):
    item = challenge_under_review(review_call())
    assignment = assign(item, reviewer(display_name="Ana Reviewer"))

    remove = url("reviews:assignment_remove", item.call, item_pk=item.pk, pk=assignment.pk)

    asked = desk.get(remove).content.decode()
    assert "Take Ana Reviewer off" in asked
    assert "They have not started this review." in asked
    assert Assignment.objects.exists()
    response = desk.post(remove, {"confirmed": "yes"}, follow=True)

    assert "Ana Reviewer no longer reviews this submission." in response.content.decode()
    assert not Assignment.objects.exists()
    item.refresh_from_db()
    assert item.reviewers == 0


def test_removing_an_assignment_of_another_submission_is_a_404(desk):
    item = challenge_under_review(review_call())
    assign(item, reviewer())
    elsewhere = assign(challenge_under_review(item.call), reviewer())

    response = desk.post(
        url("reviews:assignment_remove", item.call, item_pk=item.pk, pk=elsewhere.pk),
        {"confirmed": "yes"},
    )

    assert response.status_code == 404
    assert Assignment.objects.count() == 2


def test_the_assignment_page_shows_loads_and_declared_conflicts(desk):
    call = review_call()
    item = challenge_under_review(call, title="Island ferries")
    assign(item, reviewer(display_name="Ana Reviewer"))
    bo = reviewer(display_name="Bo Declines")
    conflict_declare(
        assignment=assign(challenge_under_review(call), bo),
        by=bo,
        reason="I advised them last year.",
    )

    page = desk.get(url("reviews:assignments", call)).content.decode()

    assert "Ana Reviewer" in page
    assert "Bo Declines" in page and "I advised them last year." in page


@pytest.mark.parametrize("name", ["reviews:home", "reviews:assignments"])
def test_the_overview_pages_issue_as_many_queries_with_300_submissions_as_with_3(
    desk, name, queries_to_render, django_assert_max_num_queries
):
    call = review_call()
    people = [reviewer(), reviewer(), reviewer()]
    target = reverse(name) if name == "reviews:home" else url(name, call)

    def submissions(count):
        for n in range(count):
            assign(challenge_under_review(call), people[n % 3])

    submissions(3)
    few = queries_to_render(desk, target)
    submissions(297)

    with django_assert_max_num_queries(few):
        desk.get(target)


def test_a_review_phase_entirely_in_the_past_is_not_saved_without_a_word(desk):
    call = CallFactory(
        opens_at=datetime(2025, 1, 1, 9, tzinfo=UTC), closes_at=datetime(2025, 2, 1, 9, tzinfo=UTC)
    )
    past = {
        "opens_at": "2025-03-01T09:00",
        "due_at": "2025-03-20T17:00",
        "closes_at": "2025-03-31T17:00",
        "reviewers_per_submission": "2",
    }

    response = desk.post(url("reviews:phase", call), past)

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "These dates are already past" in page
    assert "Reviews open (1 March 2025, 09:00 CET (Europe/Paris))" in page
    assert 'value="2025-03-31T17:00"' in page, "what was typed is kept"
    assert not ReviewPhase.objects.exists()

    response = desk.post(url("reviews:phase", call), {**past, "past_dates_confirmed": "on"})

    assert response.status_code == 302
    assert ReviewPhase.objects.get(call=call).closes_at == datetime(2025, 3, 31, 15, tzinfo=UTC)


def test_changing_an_open_phase_does_not_ask_about_its_opening_already_past(desk):
    call = review_call()  # the phase opened yesterday
    page = url("reviews:phase", call)
    form = desk.get(page).context["form"]
    data = {name: form[name].value() for name in ("opens_at", "due_at", "closes_at")}
    shown = {name: form.fields[name].widget.format_value(value) for name, value in data.items()}

    response = desk.post(page, {**shown, "reviewers_per_submission": "4"})

    assert response.status_code == 302
    assert ReviewPhase.objects.get(call=call).reviewers_per_submission == 4

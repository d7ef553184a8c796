"""The secretariat's dashboard (weighted means, median, spread, ranking, CSV) and the
decisions: staged per submission, invisible outside the secretariat, released together,
once."""

import csv
import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from incubator.models import Notification
from reviews.models import Decision
from reviews.services import decision_stage, decisions_release
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    secretariat_user,
)
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return secretariat_user()


@pytest.fixture
def desk(client_of, secretariat):
    return client_of(secretariat)


@pytest.fixture
def call():
    return review_call()  # rubric: Relevance weighs 3, Novelty 2, Feasibility 1


def dashboard_url(call):
    return reverse("reviews:call", kwargs={"call_pk": call.pk})


def decisions_url(call):
    return reverse("reviews:decisions", kwargs={"call_pk": call.pk})


def release(client, call, **kwargs):
    """Release the staged decisions from their confirmation page."""
    url = reverse("reviews:release", kwargs={"call_pk": call.pk})
    return client.post(url, {"confirmed": "yes"}, **kwargs)


def act_url(item):
    return reverse("reviews:item_act", kwargs={"call_pk": item.call_id, "item_pk": item.pk})


def exported_rows(client, call):
    response = client.get(reverse("reviews:export", kwargs={"call_pk": call.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "spreadsheets need the BOM to read accents"
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_dashboard_ranks_by_weighted_mean_with_median_and_spread(desk, call):
    strong = challenge_under_review(call, title="Ferries for island schools")
    # Weighted means: (5·3 + 4·2 + 3·1) / 6 = 4.33, then 3.00 and 1.00.
    assign(strong, reviewer(), scores=[5, 4, 3], submitted=True)  # 4.33
    assign(strong, reviewer(), scores=[3, 3, 3], submitted=True)
    assign(strong, reviewer(), scores=[1, 1, 1], submitted=True)
    weak = challenge_under_review(call, title="Water metering in small towns")
    assign(weak, reviewer(), scores=[2, 2, 2], submitted=True)
    assign(weak, reviewer(), scores=[5, 5, 5])  # a draft does not count
    challenge_under_review(call, title="Nobody has reviewed this yet")

    rows = exported_rows(desk, call)

    assert [row["Submission"] for row in rows] == [
        "Ferries for island schools",
        "Water metering in small towns",
        "Nobody has reviewed this yet",
    ]
    first, second, third = rows
    assert (first["Rank"], first["Weighted mean"], first["Median"]) == ("1", "2.78", "3.00")
    assert first["Spread (highest minus lowest)"] == "3.33"
    assert (first["Reviews done"], first["Reviewers assigned"]) == ("3", "3")
    assert first["Mean: Relevance"] == "3.00"
    assert (second["Rank"], second["Weighted mean"], second["Reviews done"]) == ("2", "2.00", "1")
    assert second["Reviewers assigned"] == "2"
    assert (third["Rank"], third["Weighted mean"]) == ("", "")
    page = desk.get(dashboard_url(call)).content.decode()
    assert page.index("Ferries for island schools") < page.index("Water metering")
    assert "2.78" in page and "3.33" in page
    done = re.findall(r'<span class="completion-text">([^<]*)</span>', page)
    assert done == [
        "3 of 3 reviews done (100%)",
        "1 of 2 reviews done (50%)",
        "No review assigned yet.",
    ]
    one = desk.get(reverse("reviews:item", kwargs={"call_pk": call.pk, "item_pk": strong.pk}))
    assert "4.33" in one.content.decode()  # each review's own weighted score


def test_the_export_never_writes_a_cell_a_spreadsheet_would_run(desk, call):
    challenge_under_review(
        call, title="=HYPERLINK(1)", organisation=OrganisationFactory(name="@Agency")
    )

    (row,) = exported_rows(desk, call)

    assert row["Submission"] == "'=HYPERLINK(1)"
    assert row["Team"] == "'@Agency"


def test_the_dashboard_issues_as_many_queries_with_300_submissions_as_with_3(
    desk, call, queries_to_render, django_assert_max_num_queries
):
    people = [reviewer() for _n in range(3)]

    def reviewed_submission(n):
        item = challenge_under_review(call)
        assign(item, people[n % 3], scores=[n % 5 + 1, 3, 4], submitted=True)
        Decision.objects.create(item=item, outcome="select", staged_at=item.created_at)

    for n in range(3):
        reviewed_submission(n)
    urls = [dashboard_url(call), decisions_url(call)]
    few = {url: queries_to_render(desk, url) for url in urls}

    for n in range(297):
        reviewed_submission(n)

    for url, count in few.items():
        with django_assert_max_num_queries(count):
            response = desk.get(url)
        assert response.status_code == 200
    assert "300 staged decisions" in desk.get(decisions_url(call)).content.decode()


# Staging --------------------------------------------------------------------------------


def test_staging_a_decline_needs_a_reason_and_keeps_what_was_typed(desk, call):
    item = challenge_under_review(call)

    response = desk.post(act_url(item), {"action": "stage", "outcome": "decline", "reason": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Give the reason for declining" in page
    assert 'value="decline" required id="id_outcome_1" checked' in page
    assert not Decision.objects.exists()


def test_a_staged_decision_changes_nothing_for_the_team_until_released(client_of, desk, call):
    member = UserFactory()
    item = challenge_under_review(
        call, organisation=MembershipFactory(user=member).organisation, title="Island ferries"
    )

    desk.post(
        act_url(item),
        {"action": "stage", "outcome": "decline", "reason": "Out of scope this round."},
    )

    decision = Decision.objects.get()
    assert (decision.outcome, decision.released_at) == ("decline", None)
    item.submission.refresh_from_db()
    assert item.submission.status == "in_review"
    assert not Notification.objects.filter(recipient=member).exists()
    team = client_of(member)
    for url in (
        reverse("challenges:mine"),
        reverse("challenges:overview", kwargs={"pk": item.object_id}),
        reverse("incubator:dashboard"),
    ):
        page = team.get(url).content.decode()
        assert "Out of scope this round." not in page
        assert "Declined" not in page


def test_a_staged_decision_can_be_changed_and_withdrawn(desk, call):
    item = challenge_under_review(call)
    desk.post(act_url(item), {"action": "stage", "outcome": "decline", "reason": "Weak."})
    desk.post(act_url(item), {"action": "stage", "outcome": "select", "reason": ""})
    assert Decision.objects.get().outcome == "select"

    desk.post(act_url(item), {"action": "unstage"})

    assert not Decision.objects.exists()


# Releasing ------------------------------------------------------------------------------


def test_releasing_carries_out_every_staged_decision_and_emails_each_member_once(
    desk, secretariat, call
):
    chosen_team = OrganisationFactory()
    ana = MembershipFactory(organisation=chosen_team, user=UserFactory(language="en")).user
    luis = MembershipFactory(organisation=chosen_team, user=UserFactory(language="fr")).user
    chosen = challenge_under_review(call, organisation=chosen_team, title="Island ferries")
    declined_member = UserFactory()
    declined = challenge_under_review(
        call, organisation=MembershipFactory(user=declined_member).organisation
    )
    untouched = challenge_under_review(call)
    decision_stage(item=chosen, by=secretariat, outcome="select", reason="")
    decision_stage(item=declined, by=secretariat, outcome="decline", reason="Out of scope.")

    response = release(desk, call, follow=True)

    assert "2 decisions released." in response.content.decode()
    for item, state in ((chosen, "selected"), (declined, "declined"), (untouched, "in_review")):
        item.submission.refresh_from_db()
        assert item.submission.status == state
    assert Notification.objects.filter(recipient=ana).count() == 1
    assert Notification.objects.get(recipient=luis).language == "fr"
    assert Notification.objects.get(recipient=luis).subject.startswith("Votre défi")
    refusal = Notification.objects.get(recipient=declined_member)
    assert "Out of scope." in refusal.body_text
    assert Decision.objects.filter(released_at__isnull=False).count() == 2


def test_releasing_twice_sends_nothing_twice_and_says_so(desk, secretariat, call):
    item = challenge_under_review(call, organisation=MembershipFactory().organisation)
    decision_stage(item=item, by=secretariat, outcome="select", reason="")
    release(desk, call)
    sent = Notification.objects.count()

    response = release(desk, call, follow=True)

    assert response.status_code == 200
    assert "Nothing was sent: the 1 decision of this call was already released" in (
        response.content.decode()
    )
    assert Notification.objects.count() == sent
    assert decisions_release(call=call, by=secretariat).released == 0
    assert Notification.objects.count() == sent


def test_a_released_decision_can_no_longer_be_restaged(desk, secretariat, call):
    item = challenge_under_review(call)
    decision_stage(item=item, by=secretariat, outcome="select", reason="")
    decisions_release(call=call, by=secretariat)

    response = desk.post(act_url(item), {"action": "stage", "outcome": "decline", "reason": "No."})

    assert response.status_code == 200
    assert "can no longer change" in response.content.decode() or (
        "cannot be decided on" in response.content.decode()
    )
    assert Decision.objects.get().outcome == "select"


def test_a_decision_that_cannot_be_carried_out_is_reported_and_stays_staged(
    desk, secretariat, call
):
    item = challenge_under_review(call, title="Withdrawn meanwhile")
    decision_stage(item=item, by=secretariat, outcome="select", reason="")
    type(item.submission).objects.filter(pk=item.object_id).update(status="withdrawn")

    response = release(desk, call, follow=True)

    assert "Not released: Withdrawn meanwhile" in response.content.decode()
    assert Decision.objects.get().released_at is None


def test_nobody_but_the_secretariat_stages_or_releases(client_of, call):
    item = challenge_under_review(call)
    member = MembershipFactory(organisation=item.organisation).user
    board = reviewer()
    assign(item, board)

    for person in (member, board, UserFactory()):
        client = client_of(person)
        stage = client.post(act_url(item), {"action": "stage", "outcome": "select"})
        released = release(client, call)
        assert (stage.status_code, released.status_code) == (403, 403)
        with pytest.raises(PermissionDenied):
            decision_stage(item=item, by=person, outcome="select", reason="")
        with pytest.raises(PermissionDenied):
            decisions_release(call=call, by=person)
    assert not Decision.objects.exists()

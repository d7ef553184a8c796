"""The dashboard's kept counts: the page says when the round was counted, counts again in
the background once the counts are old, asks for that once however many look, and the
secretariat can count again at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from outcomes.dashboard.counts import dashboard_counts, dashboard_recount
from outcomes.models import DashboardCounts
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    secretariat_user,
)

pytestmark = pytest.mark.django_db

SUBMITTED_ROW = '<th scope="row">Submitted</th><td>{}</td>'


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user(display_name="Desk Officer"))


@pytest.fixture
def round_of_two():
    programme = ProgrammeFactory()
    call = CallFactory(programme=programme)
    ChallengeFactory.create_batch(2, call=call, status="submitted", submitted_at=timezone.now())
    return programme, call


def dashboard(programme) -> str:
    return reverse("outcomes:dashboard", kwargs={"slug": programme.slug})


def recount_url(programme) -> str:
    return reverse("outcomes:dashboard_recount", kwargs={"slug": programme.slug})


def counted_minutes_ago(programme, minutes: int) -> None:
    DashboardCounts.objects.filter(programme=programme).update(
        counted_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_the_page_says_when_it_counted_and_counts_again_when_asked(desk, round_of_two):
    programme, call = round_of_two
    page = desk.get(dashboard(programme)).content.decode()
    assert SUBMITTED_ROW.format(2) in page
    assert "Submissions, reviews and matches as counted on" in page
    assert "once they are 60 seconds old" in page

    ChallengeFactory(call=call, status="submitted", submitted_at=timezone.now())
    assert SUBMITTED_ROW.format(2) in desk.get(dashboard(programme)).content.decode()

    response = desk.post(recount_url(programme), follow=True)
    page = response.content.decode()
    assert "Everything is counted again: the figures are as of now." in page
    assert SUBMITTED_ROW.format(3) in page


@pytest.mark.django_db(transaction=True)  # the page asks the task once its write commits
def test_counts_older_than_a_minute_are_counted_again_by_the_task(desk, round_of_two):
    programme, call = round_of_two
    desk.get(dashboard(programme))
    ChallengeFactory(call=call, status="submitted", submitted_at=timezone.now())
    counted_minutes_ago(programme, 2)

    # The task runs at once here (no worker), so the page already reads its counts.
    assert SUBMITTED_ROW.format(3) in desk.get(dashboard(programme)).content.decode()
    kept = DashboardCounts.objects.get(programme=programme)
    assert kept.counted_at > timezone.now() - timedelta(seconds=30)
    assert kept.recount_asked_at is None


def test_many_readers_of_old_counts_ask_the_task_once(round_of_two, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    programme, _call = round_of_two
    dashboard_recount(programme=programme)
    counted_minutes_ago(programme, 2)

    first = dashboard_counts(programme)
    asked_at = DashboardCounts.objects.get(programme=programme).recount_asked_at
    second = dashboard_counts(programme)

    assert asked_at is not None
    assert DashboardCounts.objects.get(programme=programme).recount_asked_at == asked_at
    # Until the task has counted, every reader gets the counts there are.
    assert first.counted_at == second.counted_at < timezone.now() - timedelta(minutes=1)


def test_a_recount_asked_long_ago_and_lost_is_asked_again(round_of_two, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    programme, _call = round_of_two
    dashboard_recount(programme=programme)
    long_ago = timezone.now() - timedelta(minutes=5)
    DashboardCounts.objects.filter(programme=programme).update(
        counted_at=long_ago, recount_asked_at=long_ago
    )

    dashboard_counts(programme)

    assert DashboardCounts.objects.get(programme=programme).recount_asked_at > long_ago


def test_counts_kept_before_a_section_was_added_are_counted_again(round_of_two):
    programme, _call = round_of_two
    DashboardCounts.objects.create(
        programme=programme, counts={"funnel": []}, counted_at=timezone.now()
    )

    counted = dashboard_counts(programme)

    assert set(counted.counts) == {"funnel", "submissions", "reviews", "matching", "showcase"}
    assert counted.counts["funnel"][0]["submitted"] == 2


def test_only_the_secretariat_counts_again(client, client_of, round_of_two):
    programme, _call = round_of_two
    assert client.post(recount_url(programme)).url.startswith(reverse("account_login"))
    member = MembershipFactory(organisation=OrganisationFactory()).user
    assert client_of(member).post(recount_url(programme)).status_code == 403
    without_second_factor = client_of(secretariat_user(second_factor=False))
    assert without_second_factor.post(recount_url(programme)).url == reverse("mfa_activate_totp")
    assert not DashboardCounts.objects.filter(programme=programme).exists()


def test_a_plain_visit_to_count_again_goes_to_the_dashboard(desk, round_of_two):
    programme, _call = round_of_two
    assert desk.get(recount_url(programme)).url == dashboard(programme)
    assert not DashboardCounts.objects.filter(programme=programme).exists()


def test_a_section_drawn_from_the_kept_counts_is_drawn_again_only_once_they_are_counted_again(
    desk, round_of_two
):
    programme, call = round_of_two
    assert SUBMITTED_ROW.format(2) in desk.get(dashboard(programme)).content.decode()
    ChallengeFactory(call=call, status="submitted", submitted_at=timezone.now())
    counted = DashboardCounts.objects.get(programme=programme)
    counted.counts["funnel"][0]["submitted"] = 99  # what a stale drawing would show
    counted.save(update_fields=["counts"])

    same_counts = desk.get(dashboard(programme)).content.decode()
    desk.post(recount_url(programme))
    counted_again = desk.get(dashboard(programme)).content.decode()

    assert SUBMITTED_ROW.format(2) in same_counts
    assert SUBMITTED_ROW.format(3) in counted_again

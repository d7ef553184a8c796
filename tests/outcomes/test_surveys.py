"""Follow-up surveys 3, 6 and 12 months after a match is confirmed: one per team of the
match per milestone however often the periodic task runs, none before the milestone, an
email to every active member with a link; the answers are kept for the secretariat."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from incubator.models import Notification
from outcomes.milestones import add_months
from outcomes.models import Survey
from outcomes.selectors import survey_answers, survey_figures
from outcomes.services import surveys_create_due
from outcomes.tasks import create_followup_surveys
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    secretariat_user,
)
from tests.outcomes.factories import ConfirmedMatchFactory, SurveyFactory, answered, member_of

pytestmark = pytest.mark.django_db

CONFIRMED = datetime(2027, 3, 10, 9, 30, tzinfo=UTC)
ANSWER = {
    "stage_reached": "implementation",
    "what_changed": "We now test every form with older residents first.",
    "advice": "Agree on one meeting hour in the first week.",
}


@pytest.fixture
def match():
    return ConfirmedMatchFactory(
        decided_at=CONFIRMED,
        challenge__title="Island pupils miss school",
        challenge__organisation=OrganisationFactory(name="Azores Education Office"),
        solution__organisation=OrganisationFactory(name="Tallinn Digital Office", country="EE"),
    )


def surveys_of(match):
    return sorted(match.surveys.values_list("organisation__name", "milestone"))


def answer_url(survey):
    return reverse("outcomes:survey_answer", kwargs={"pk": survey.pk})


def test_no_survey_is_created_before_the_milestone(match):
    surveys_create_due(now=add_months(CONFIRMED, 3) - timedelta(minutes=1))

    assert not Survey.objects.exists()


def test_each_team_gets_exactly_one_survey_at_the_milestone_even_when_the_task_runs_twice(match):
    at_milestone = add_months(CONFIRMED, 3)

    first = surveys_create_due(now=at_milestone)
    second = surveys_create_due(now=at_milestone + timedelta(hours=1))

    assert (first, second) == (2, 0)
    assert surveys_of(match) == [("Azores Education Office", 3), ("Tallinn Digital Office", 3)]
    assert set(match.surveys.values_list("due_at", flat=True)) == {
        datetime(2027, 6, 10, 9, 30, tzinfo=UTC)
    }


def test_run_every_day_for_a_year_and_more_each_team_gets_one_survey_per_milestone(match):
    for day in range(420):
        surveys_create_due(now=CONFIRMED + timedelta(days=day, hours=3))

    assert surveys_of(match) == [
        ("Azores Education Office", 3),
        ("Azores Education Office", 6),
        ("Azores Education Office", 12),
        ("Tallinn Digital Office", 3),
        ("Tallinn Digital Office", 6),
        ("Tallinn Digital Office", 12),
    ]
    due = sorted(set(match.surveys.values_list("due_at", flat=True)))
    assert [moment.date().isoformat() for moment in due] == [
        "2027-06-10",
        "2027-09-10",
        "2028-03-10",
    ]


def test_after_a_long_pause_only_the_latest_milestone_is_asked(match):
    surveys_create_due(now=add_months(CONFIRMED, 13))

    assert [milestone for _team, milestone in surveys_of(match)] == [12, 12]


def test_only_confirmed_matches_are_followed_up():
    for state in ("proposed", "rejected"):
        ConfirmedMatchFactory(state=state, decided_at=CONFIRMED)

    surveys_create_due(now=add_months(CONFIRMED, 4))

    assert not Survey.objects.exists()


def test_months_end_on_the_last_day_of_a_shorter_month():
    end_of_august = datetime(2027, 8, 31, 12, 0, tzinfo=UTC)

    assert add_months(end_of_august, 6) == datetime(2028, 2, 29, 12, 0, tzinfo=UTC)
    assert add_months(end_of_august, 3) == datetime(2027, 11, 30, 12, 0, tzinfo=UTC)
    assert add_months(end_of_august, 12) == datetime(2028, 8, 31, 12, 0, tzinfo=UTC)


def test_every_active_member_is_written_to_once_with_a_link_in_their_language(
    match, django_capture_on_commit_callbacks
):
    ana = member_of(match.challenge.organisation, email="ana@azores.example")
    marie = member_of(match.challenge.organisation, email="marie@azores.example", language="fr")
    gone = member_of(match.challenge.organisation, email="gone@azores.example", is_active=False)
    kadri = member_of(match.solution.organisation, email="kadri@tallinn.example")

    with django_capture_on_commit_callbacks(execute=True):
        surveys_create_due(now=add_months(CONFIRMED, 3))
        surveys_create_due(now=add_months(CONFIRMED, 3) + timedelta(hours=1))

    owners_survey = match.surveys.get(organisation=match.challenge.organisation)
    to_ana = Notification.objects.get(recipient=ana)
    assert to_ana.key == f"followup-survey:{owners_survey.pk}:{ana.pk}"
    assert to_ana.subject == "3 months on: how is the work with Tallinn Digital Office going?"
    assert f"{settings.SITE_URL}{answer_url(owners_survey)}" in to_ana.body_text
    assert "Island pupils miss school" in to_ana.body_text
    assert Notification.objects.get(recipient=marie).language == "fr"
    assert not Notification.objects.filter(recipient=gone).exists()
    assert "Azores Education Office" in Notification.objects.get(recipient=kadri).subject
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ana@azores.example",
        "kadri@tallinn.example",
        "marie@azores.example",
    ]


def test_the_periodic_task_creates_the_surveys_that_are_due(match):
    match.decided_at = add_months(datetime.now(UTC), -3) - timedelta(days=1)
    match.save()

    create_followup_surveys.delay()
    create_followup_surveys.delay()

    assert match.surveys.count() == 2
    assert settings.CELERY_BEAT_SCHEDULE["followup-surveys"]["task"] == (
        "outcomes.tasks.create_followup_surveys"
    )


def test_a_member_answers_for_the_team_and_the_secretariat_reads_it(client_for, match):
    survey = SurveyFactory(match=match)
    ana = member_of(match.challenge.organisation, display_name="Ana Silva")
    desk = client_for(secretariat_user())

    form = client_for(ana).get(answer_url(survey)).content.decode()
    response = client_for(ana).post(answer_url(survey), ANSWER)

    assert "Tallinn Digital Office" in form
    assert "Identifying problems" in form
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.stage_reached, survey.answered_by) == ("implementation", ana)
    assert list(survey_answers(match.programme)) == [survey]
    answers = desk.get(reverse("outcomes:survey_answers", kwargs={"slug": match.programme.slug}))
    page = answers.content.decode()
    assert "We now test every form with older residents first." in page
    assert "Agree on one meeting hour in the first week." in page
    assert "Implementation" in page
    assert "Ana Silva" in page


def test_answering_again_replaces_the_teams_answer(client_for, match):
    survey = answered(SurveyFactory(match=match), stage="developing_proposals")
    kadri = member_of(match.challenge.organisation)

    client_for(kadri).post(answer_url(survey), {**ANSWER, "stage_reached": "evaluation"})

    survey.refresh_from_db()
    assert (survey.stage_reached, survey.answered_by) == ("evaluation", kadri)
    assert Survey.objects.count() == 1


def test_a_bad_answer_gets_a_message_and_keeps_what_was_typed(client_for, match):
    survey = SurveyFactory(match=match)
    ana = member_of(match.challenge.organisation)

    response = client_for(ana).post(
        answer_url(survey), {**ANSWER, "stage_reached": "moon_landing", "advice": "x" * 2001}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "moon_landing is not one of the available choices" in page
    assert 'href="#id_advice"' in page
    assert "We now test every form with older residents first." in page
    survey.refresh_from_db()
    assert not survey.is_answered


def test_only_the_teams_members_open_its_survey(client_for, match):
    survey = SurveyFactory(match=match)
    partner = member_of(match.solution.organisation)

    assert client_for(partner).get(answer_url(survey)).status_code == 404
    assert client_for(partner).post(answer_url(survey), ANSWER).status_code == 404
    assert client_for(UserFactory()).get(answer_url(survey)).status_code == 404
    survey.refresh_from_db()
    assert not survey.is_answered


def test_the_figures_count_surveys_answers_and_stages_per_milestone(match):
    other_team = match.solution.organisation
    answered(SurveyFactory(match=match), stage="implementation")
    answered(SurveyFactory(match=match, organisation=other_team), stage="implementation")
    SurveyFactory(match=match, milestone=6)
    answered(SurveyFactory(match=match, organisation=other_team, milestone=6), stage="evaluation")

    figures = {row.milestone: row for row in survey_figures(match.programme)}

    assert (figures[3].sent, figures[3].answered) == (2, 2)
    assert figures[3].stages == {"implementation": 2}
    assert (figures[6].sent, figures[6].answered, figures[6].stages) == (2, 1, {"evaluation": 1})
    assert (figures[12].sent, figures[12].answered) == (0, 0)


def test_the_answer_pages_are_for_the_secretariat_only(client_for, match):
    member = member_of(match.challenge.organisation)

    for url in (
        reverse("outcomes:survey_programmes"),
        reverse("outcomes:survey_answers", kwargs={"slug": match.programme.slug}),
    ):
        assert client_for(member).get(url).status_code == 403


def test_the_secretariat_sees_each_programmes_surveys_sent_and_answered(client_for, match):
    answered(SurveyFactory(match=match))
    SurveyFactory(match=match, organisation=match.solution.organisation)
    ProgrammeFactory(name="Incubator 2031")
    desk = client_for(secretariat_user())

    page = desk.get(reverse("outcomes:survey_programmes")).content.decode()

    assert f"{match.programme.name}</a></th><td>2</td><td>1</td>" in page
    assert "Incubator 2031</a></th><td>0</td><td>0</td>" in page


def test_the_answers_page_issues_as_many_queries_with_300_answers_as_with_3(
    client_for, queries_to_render, django_assert_max_num_queries
):
    programme = ProgrammeFactory()
    desk = client_for(secretariat_user())
    url = reverse("outcomes:survey_answers", kwargs={"slug": programme.slug})
    by = UserFactory()

    def three_answers():
        match = ConfirmedMatchFactory(programme=programme)
        answered(SurveyFactory(match=match), by=by)
        answered(SurveyFactory(match=match, organisation=match.solution.organisation))
        answered(SurveyFactory(match=match, milestone=6), stage="evaluation", by=by)

    three_answers()
    few = queries_to_render(desk, url)

    for _ in range(99):
        three_answers()

    with django_assert_max_num_queries(few):
        page = desk.get(url).content.decode()
    assert "300 answers" in page

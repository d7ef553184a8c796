"""The secretariat's programme dashboard: every figure equals what a person counts by hand
in a known round; the page takes as many queries for a large round as for a small one;
each table downloads as a CSV file; only the secretariat sees any of it."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubator.models import Role, RoleGrant
from matching.models import Match, MatchRun
from outcomes.charts import Progress, progress_chart
from outcomes.dashboard import programme_dashboard
from outcomes.dashboard.counts import dashboard_recount
from tests.cohorts.factories import (
    CohortFactory,
    FeedbackFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    UserFactory,
    secretariat_user,
)
from tests.outcomes.factories import ConfirmedMatchFactory, SurveyFactory, answered
from tests.reviews.factories import assign, reviewer, rubric, under_review
from tests.solutions.factories import SolutionFactory, SolutionsCallFactory

pytestmark = pytest.mark.django_db


def dashboard_url(programme):
    return reverse("outcomes:dashboard", kwargs={"slug": programme.slug})


def csv_url(programme, key):
    return reverse("outcomes:dashboard_csv", kwargs={"slug": programme.slug, "key": key})


def figures_of(programme) -> dict:
    """Every table of the dashboard by its key: each row's label and values."""
    return {
        figure.key: {row.label: [cell.value for cell in row.cells] for row in figure.rows}
        for part in programme_dashboard(programme, dashboard_recount(programme=programme))
        for figure in part.section.figures
    }


def csv_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def desk(client_of):
    return client_of(secretariat_user(display_name="Desk Officer"))


@pytest.fixture
def themes():
    return {
        "inclusion": ThemeFactory(slug="inclusion", name="Digital inclusion"),
        "climate": ThemeFactory(slug="climate", name="Climate adaptation"),
    }


@pytest.fixture
def teams():
    made = {
        "azores": ("PT", "regional"),
        "lisbon": ("PT", "national"),
        "nairobi": ("KE", "local"),
        "paris": ("FR", "national"),
        "brasilia": ("BR", "national"),
        "tallinn": ("EE", "national"),
        "tokyo": ("JP", "local"),
        "ottawa": ("CA", "national"),
        "santiago": ("CL", "regional"),
    }
    return {
        name: OrganisationFactory(name=name.title(), country=country, level=level)
        for name, (country, level) in made.items()
    }


@pytest.fixture
def known_round(themes, teams):
    """A round whose every figure is counted by hand in the tests below, and another
    programme whose records must never be counted in it."""
    programme = ProgrammeFactory(slug="incubator-2027", name="Innovation Incubator 2027")
    call = CallFactory(programme=programme, title="Call for challenges 2027")
    rubric(call)
    inclusion, climate = themes["inclusion"], themes["climate"]

    def challenge(team, status, theme_list, **fields):
        return ChallengeFactory(
            call=call, organisation=teams[team], status=status, themes=theme_list, **fields
        )

    challenge("azores", "draft", [inclusion], submitted_at=None)
    challenge("lisbon", "withdrawn", [climate], submitted_at=None)  # a withdrawn draft
    challenge("nairobi", "submitted", [inclusion], providers_wanted=1)  # waiting
    challenge("paris", "declined", [climate])  # declined at screening
    reviewed = under_review(challenge("lisbon", "submitted", [inclusion, climate]))
    unreviewed = under_review(challenge("brasilia", "submitted", [climate]))
    picked = under_review(challenge("azores", "submitted", [inclusion]))
    turned_down = under_review(challenge("tokyo", "submitted", [climate]))
    for item, status in ((picked, "selected"), (turned_down, "declined")):
        item.submission.status = status
        item.submission.save()
    picked_at_screening = challenge("ottawa", "selected", [inclusion])
    challenge("nairobi", "withdrawn", [climate])  # withdrawn after it was submitted

    ana = reviewer(display_name="Ana Reviewer")
    ben = reviewer(display_name="Ben Reviewer")
    assign(reviewed, ana, scores=[4, 4, 4], submitted=True)
    assign(reviewed, ben, scores=[3, 3, 3])
    assign(unreviewed, ben)
    assign(picked, ana, scores=[5, 5, 5], submitted=True)
    assign(turned_down, ben, scores=[2, 2, 2], submitted=True)

    solutions_call = SolutionsCallFactory(programme=programme, title="Call for solutions 2027")
    tallinn = SolutionFactory(
        call=solutions_call, organisation=teams["tallinn"], status="selected", themes=[inclusion]
    )
    santiago = SolutionFactory(
        call=solutions_call, organisation=teams["santiago"], status="selected", themes=[inclusion]
    )
    SolutionFactory(
        call=solutions_call, organisation=teams["tallinn"], status="draft", submitted_at=None
    )

    def match(challenge, solution, state):
        return ConfirmedMatchFactory(
            programme=programme, challenge=challenge, solution=solution, state=state
        )

    both_confirmed = match(picked_at_screening, tallinn, "confirmed")
    match(picked_at_screening, santiago, "confirmed")
    one_confirmed = match(picked.submission, tallinn, "confirmed")
    match(picked.submission, santiago, "proposed")
    match(reviewed.submission, tallinn, "rejected")
    figures = {"challenges": 5, "providers": 2, "candidates": 10, "matches": 4}
    MatchRun.objects.create(programme=programme, state="done", figures={"challenges": 99})
    MatchRun.objects.create(
        programme=programme,
        state="done",
        finished_at=timezone.now(),
        figures={**figures, "slots_wanted": 10, "unfilled_slots": 6},
    )
    MatchRun.objects.create(programme=programme, state="failed", error="Out of memory")

    cohort = CohortFactory(programme=programme)
    past = timezone.now() - timedelta(days=10)
    workshop = SessionFactory(
        cohort=cohort, theme=inclusion, title="Assisted digital", starts_at=past
    )
    for came in (True, True, False):
        RegistrationFactory(session=workshop, attended=came)
    RegistrationFactory(session=workshop, status="waitlisted", registered_at=None)
    RegistrationFactory(session=workshop, status="cancelled")
    FeedbackFactory(session=workshop, rating=5)
    FeedbackFactory(session=workshop, rating=4)
    upcoming = SessionFactory(cohort=cohort, theme=inclusion, title="Plain language")
    RegistrationFactory.create_batch(2, session=upcoming)
    floods = SessionFactory(
        cohort=cohort, theme=climate, title="Flood maps", starts_at=past + timedelta(days=1)
    )
    RegistrationFactory(session=floods, attended=True)
    FeedbackFactory(session=floods, rating=3)
    called_off = SessionFactory(
        cohort=cohort, theme=climate, title="Heat plans", cancelled_at=timezone.now()
    )
    RegistrationFactory.create_batch(4, session=called_off)

    answered(SurveyFactory(match=both_confirmed, milestone=3), stage="implementation")
    SurveyFactory(match=both_confirmed, organisation=teams["tallinn"], milestone=3)
    answered(SurveyFactory(match=one_confirmed, milestone=3), stage="evaluation")
    answered(SurveyFactory(match=both_confirmed, milestone=6), stage="implementation")

    elsewhere = ProgrammeFactory(slug="incubator-2026")
    other_call = CallFactory(programme=elsewhere)
    rubric(other_call)
    assign(
        under_review(ChallengeFactory(call=other_call, organisation=teams["paris"])),
        ana,
        scores=[1, 1, 1],
        submitted=True,
    )
    ConfirmedMatchFactory(programme=elsewhere)
    RegistrationFactory(
        session=SessionFactory(cohort=CohortFactory(programme=elsewhere), theme=climate),
        attended=True,
    )
    return programme


# The figures ---------------------------------------------------------------------------


def test_the_funnel_counts_each_stage_as_defined(known_round):
    figures = figures_of(known_round)
    challenges, solutions = known_round.calls.order_by("title")

    # Drafts: the Azores draft. Submitted: all but the two drafts and the withdrawn
    # draft. Passed screening: the two in review, the two decided after review and the
    # one selected at screening. Reviewed: Lisbon's, the Azores' and Tokyo's.
    assert figures[f"funnel-{challenges.pk}"] == {
        "Drafts": [1],
        "Submitted": [8],
        "Passed screening": [5],
        "Reviewed": [3],
        "Selected": [2],
    }
    assert figures[f"funnel-{solutions.pk}"] == {
        "Drafts": [1],
        "Submitted": [2],
        "Passed screening": [2],
        "Reviewed": [0],
        "Selected": [2],
    }


def test_submissions_are_counted_by_country_continent_level_and_theme(known_round):
    figures = figures_of(known_round)

    # Columns: challenges, solution proposals, all.
    assert figures["submissions-country"] == {
        "Portugal": [2, 0, 2],
        "Kenya": [2, 0, 2],
        "France": [1, 0, 1],
        "Brazil": [1, 0, 1],
        "Japan": [1, 0, 1],
        "Canada": [1, 0, 1],
        "Estonia": [0, 1, 1],
        "Chile": [0, 1, 1],
    }
    assert figures["submissions-continent"] == {
        "Europe": [3, 1, 4],
        "Americas": [2, 1, 3],
        "Africa": [2, 0, 2],
        "Asia": [1, 0, 1],
    }
    assert figures["submissions-level"] == {
        "National": [4, 1, 5],
        "Local": [3, 0, 3],
        "Regional": [1, 1, 2],
    }
    assert figures["submissions-theme"] == {
        "Digital inclusion": [4, 2, 6],
        "Climate adaptation": [5, 0, 5],
    }


def test_the_largest_groups_come_first_and_a_total_closes_the_table(known_round):
    countries = next(
        figure
        for part in programme_dashboard(known_round, dashboard_recount(programme=known_round))
        for figure in part.section.figures
        if figure.key == "submissions-country"
    )

    assert [row.label for row in countries.rows][:2] == ["Kenya", "Portugal"]
    assert (countries.footer.label, [c.value for c in countries.footer.cells]) == (
        "All submissions",
        [8, 2, 10],
    )


def test_reviewer_progress_counts_submitted_reviews_of_those_assigned(known_round):
    figures = figures_of(known_round)

    # Columns: submitted, assigned, still open. Ben, with more still open, comes first.
    assert figures["reviews-calls"] == {"Call for challenges 2027": [3, 5, 2]}
    assert list(figures["reviews-reviewers"].items()) == [
        ("Ben Reviewer", [1, 3, 2]),
        ("Ana Reviewer", [2, 2, 0]),
    ]


def test_matching_shows_matches_by_state_filled_challenges_and_the_latest_finished_run(
    known_round,
):
    figures = figures_of(known_round)

    assert figures["matching-matches"] == {"Proposed": [1], "Confirmed": [3], "Rejected": [1]}
    # Taking part: Nairobi's waiting challenge, the two in review and the two selected;
    # only Ottawa's has both providers it wants confirmed.
    assert list(figures["matching-challenges"].values()) == [[5], [1]]
    assert figures["matching-run"] == {
        "Challenges": [5],
        "Solution providers": [2],
        "Candidate pairs scored": [10],
        "Matches proposed": [4],
        "Places wanted": [10],
        "Places left unfilled": [6],
    }


def test_attendance_and_feedback_are_counted_per_session_and_per_theme(known_round):
    figures = figures_of(known_round)
    day = timezone.localdate

    sessions = figures["attendance-sessions"]
    assert list(sessions) == ["Assisted digital", "Flood maps", "Plain language"]
    # Date, registered, attended, feedback answers, average rating. The waitlist, the
    # cancelled place and the cancelled session are left out; the upcoming session's
    # attendance is not taken yet.
    assert sessions["Assisted digital"][1:] == [3, 2, 2, 4.5]
    assert sessions["Flood maps"][1:] == [1, 1, 1, 3.0]
    assert sessions["Plain language"][1:] == [2, None, 0, None]
    assert sessions["Assisted digital"][0] == day(timezone.now() - timedelta(days=10))
    # Sessions, registered, attended.
    assert figures["attendance-themes"] == {
        "Climate adaptation": [1, 1, 1],
        "Digital inclusion": [2, 5, 2],
    }
    assert figures["attendance-feedback"] == {
        "Climate adaptation": [1, 3.0],
        "Digital inclusion": [2, 4.5],
    }


def test_follow_up_surveys_count_sent_answered_and_stages_reached(known_round):
    figures = figures_of(known_round)

    # Answered, sent, not answered yet.
    assert figures["surveys-milestones"] == {
        "3 months": [2, 3, 1],
        "6 months": [1, 1, 0],
        "12 months": [0, 0, 0],
    }
    stages = figures["surveys-stages"]
    assert stages["Implementation"] == [1, 1, 0]
    assert stages["Evaluation"] == [1, 0, 0]
    assert stages["Identifying problems"] == [0, 0, 0]


def test_the_page_shows_each_figure_with_its_chart_table_and_download(desk, known_round):
    page = desk.get(dashboard_url(known_round)).content.decode()

    assert page.count("<h1>") == 1
    assert page.count('<div class="chart-drawing" role="img"') == page.count("<figcaption") - 2
    assert '<span id="submissions-country-title" hidden>Bar chart: submissions by country' in page
    assert "Portugal: 2; Kenya: 2" not in page  # the largest first, then by name
    assert "Kenya: 2; Portugal: 2" in page
    assert '<th scope="row">Ben Reviewer</th><td>1</td><td>3</td><td>2</td>' in page
    assert "Passed screening" in page and "Submissions declined at screening" in page
    assert f'href="{csv_url(known_round, "submissions-country")}"' in page
    assert "Ben Reviewer: 1 of 3" in page


def test_numbers_are_written_the_way_the_readers_language_writes_them(client_of, known_round):
    french = secretariat_user(language="fr")

    page = client_of(french).get(dashboard_url(known_round)).content.decode()

    assert "<td>4,5</td>" in page
    assert "<td>4.5</td>" not in page


def test_counting_and_the_page_take_as_many_queries_for_a_large_round_as_for_a_small_one(
    desk, queries_to_render
):
    programme = ProgrammeFactory()
    call = CallFactory(programme=programme)
    rubric(call)
    solutions_call = SolutionsCallFactory(programme=programme)
    themes = [ThemeFactory(), ThemeFactory()]
    cohort = CohortFactory(programme=programme)
    people = [reviewer() for _ in range(3)]

    def grow(n):
        for index in range(n):
            team = OrganisationFactory(country=("PT", "KE", "BR", "JP", "NZ")[index % 5])
            item = under_review(ChallengeFactory(call=call, organisation=team, themes=themes))
            for person in people:
                assign(item, person, scores=[3, 4, 5], submitted=index % 2 == 0)
            solution = SolutionFactory(call=solutions_call, organisation=team, themes=themes[:1])
            ConfirmedMatchFactory(programme=programme, challenge=item.submission, solution=solution)
            session = SessionFactory(cohort=cohort, theme=themes[index % 2])
            RegistrationFactory.create_batch(2, session=session, attended=True)
            FeedbackFactory(session=session, rating=4)
        for match in Match.objects.filter(programme=programme, surveys__isnull=True):
            answered(SurveyFactory(match=match))

    def counting_and_page() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as counting:
            dashboard_recount(programme=programme)
        return len(counting), queries_to_render(desk, dashboard_url(programme))

    grow(3)
    MatchRun.objects.create(programme=programme, state="done", figures={"matches": 3})
    dashboard_recount(programme=programme)  # the counts' row made once, as on a first look
    few = counting_and_page()
    grow(297)
    many = counting_and_page()

    assert many == few
    assert few[0] <= 18 and few[1] <= 20
    page = desk.get(dashboard_url(programme)).content.decode()
    assert '<th scope="row">Submitted</th><td>300</td>' in page


def test_a_programme_with_nothing_yet_says_so_instead_of_drawing_empty_charts(desk):
    programme = ProgrammeFactory()

    response = desk.get(dashboard_url(programme))

    page = response.content.decode()
    assert response.status_code == 200
    assert "No submission yet." in page
    assert "No review assigned yet." in page
    assert "No session yet." in page
    assert "No matching run has finished yet." in page


def test_the_list_of_programmes_takes_as_many_queries_for_300_as_for_3(
    desk, queries_to_render, django_assert_max_num_queries
):
    ProgrammeFactory.create_batch(3)
    few = queries_to_render(desk, reverse("outcomes:dashboard_programmes"))
    ProgrammeFactory.create_batch(297)

    with django_assert_max_num_queries(few):
        page = desk.get(reverse("outcomes:dashboard_programmes")).content.decode()
    assert page.count("/dashboard/") == 300


# The CSV files --------------------------------------------------------------------------


def test_each_table_downloads_as_a_csv_file_with_its_rows(desk, known_round):
    response = desk.get(csv_url(known_round, "submissions-country"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="incubator-2027-submissions-country.csv"' in response["Content-Disposition"]
    lines = csv_text(response).splitlines()
    assert lines[0] == "\ufeffCountry,Challenges,Solution proposals,All"
    assert "Portugal,2,0,2" in lines
    assert "Chile,0,1,1" in lines
    assert lines[-1] == "All submissions,8,2,10"
    assert len(lines) == 1 + 8 + 1


def test_averages_and_dates_in_a_csv_file_are_plain_for_spreadsheets(client_of, known_round):
    french = client_of(secretariat_user(language="fr"))

    text = csv_text(french.get(csv_url(known_round, "attendance-sessions")))

    # The reader's own zone (Paris) names the day.
    started = timezone.localdate(
        timezone.now() - timedelta(days=10), ZoneInfo("Europe/Paris")
    ).isoformat()
    assert f"Assisted digital,{started},3,2,2,4.5" in text
    assert "Plain language," in text and ",2,,0,\r\n" in text


def test_a_cell_that_could_run_as_a_formula_is_made_plain_text(desk):
    programme = ProgrammeFactory()
    formula = ThemeFactory(slug="formula", name='=HYPERLINK("https://evil.example","x")')
    ChallengeFactory(call=CallFactory(programme=programme), themes=[formula])

    text = csv_text(desk.get(csv_url(programme, "submissions-theme")))

    assert '"\'=HYPERLINK(""https://evil.example"",""x"")",1,0,1' in text


def test_an_unknown_table_or_another_programmes_table_is_not_found(desk, known_round):
    other_call = CallFactory()

    assert desk.get(csv_url(known_round, "nothing-here")).status_code == 404
    assert desk.get(csv_url(known_round, f"funnel-{other_call.pk}")).status_code == 404
    assert desk.get(dashboard_url(ProgrammeFactory.build(slug="nowhere"))).status_code == 404


# Who may see it -------------------------------------------------------------------------


def test_the_secretariat_finds_every_programmes_dashboard_from_its_home(desk, known_round):
    home = desk.get(reverse("secretariat:home")).content.decode()
    assert f'href="{reverse("outcomes:dashboard_programmes")}"' in home

    index = desk.get(reverse("outcomes:dashboard_programmes")).content.decode()
    assert f'href="{dashboard_url(known_round)}"' in index


def test_only_the_secretariat_sees_the_dashboard(client, client_of, known_round):
    pages = [
        reverse("outcomes:dashboard_programmes"),
        dashboard_url(known_round),
        csv_url(known_round, "submissions-country"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    member = MembershipFactory(organisation=OrganisationFactory()).user
    advisor = UserFactory()
    RoleGrant.objects.create(user=advisor, role=Role.REVIEWER)
    for person in (member, advisor):
        signed_in = client_of(person)
        for url in pages:
            assert signed_in.get(url).status_code == 403

    without_second_factor = client_of(secretariat_user(second_factor=False))
    for url in pages:
        assert without_second_factor.get(url).url == reverse("mfa_activate_totp")


# The charts -----------------------------------------------------------------------------


def test_a_progress_bar_is_filled_as_far_as_is_done_of_its_own_whole():
    chart = progress_chart(
        [
            Progress("a", "Ana", 2, 40),
            Progress("b", "Ben", 1, 1),
            Progress("c", "Cleo", None, 2),
            Progress("d", "Dan", 0, 5),
            Progress("e", "Eve", 199, 200),
            Progress("f", "Fay", 1, 300),
        ]
    )

    ana, ben, cleo, dan, eve, fay = chart.bars
    assert (ana.percent, ana.filled) == (5, 5)  # completion, not the size of the whole
    assert (ben.percent, ben.filled) == (100, 100)
    assert (cleo.percent, cleo.filled) == (None, 0)
    assert (dan.percent, dan.filled) == (0, 0)
    assert eve.percent == 99  # not shown as all done while one is still open
    assert fay.percent == 1  # nor as nothing done once one is


def chart_rows(page: str, key: str) -> list[tuple[str, str]]:
    """(label, number) of each row of the chart of the figure ``key``, as drawn."""
    figure = re.search(rf'<figure[^>]*id="{key}".*?</figure>', page, re.S).group(0)
    return re.findall(
        r'<span class="chart-label">([^<]*)</span>.*?<span class="chart-value">([^<]*)</span>',
        figure,
        re.S,
    )


def test_a_long_label_is_written_whole_in_its_chart(desk, known_round, themes):
    themes["climate"].name = "Evidence-based policymaking and evaluation"
    themes["climate"].save()

    page = desk.get(dashboard_url(known_round)).content.decode()

    labels = [
        label
        for key in ("attendance-themes", "submissions-theme")
        for label, _n in chart_rows(page, key)
    ]
    assert "Evidence-based policymaking and evaluation" in labels
    assert not [label for label in labels if label.endswith("…")]


def test_reviewer_progress_is_drawn_as_completion_with_its_numbers(desk, known_round):
    page = desk.get(dashboard_url(known_round)).content.decode()

    assert chart_rows(page, "reviews-reviewers") == [
        ("Ben Reviewer", "1 of 3 (33%)"),
        ("Ana Reviewer", "2 of 2 (100%)"),
    ]
    figure = re.search(r'<figure[^>]*id="reviews-reviewers".*?</figure>', page, re.S).group(0)
    assert re.findall(r'<rect class="chart-bar" width="(\d+)"', figure) == ["33", "100"]

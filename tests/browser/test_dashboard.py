"""The programme dashboard in a real browser: the secretariat, signed in with its second
factor, goes from its home to a programme's dashboard and reads each chart's figures in
the table beside it; axe-core checks the pages, in English and in French."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from matching.models import MatchRun
from tests.browser.journey import follow, read_in, sign_in_with_second_factor, visit
from tests.cohorts.factories import (
    CohortFactory,
    FeedbackFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import (
    CallFactory,
    ChallengeFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ThemeFactory,
    secretariat_user,
    with_second_factor,
)
from tests.outcomes.factories import ConfirmedMatchFactory, SurveyFactory, answered
from tests.reviews.factories import assign, reviewer, rubric, under_review

pytestmark = pytest.mark.browser

LONG_LABEL = "Evidence-based policymaking and evaluation"


def a_round():
    programme = ProgrammeFactory(slug="incubator-2027", name="Innovation Incubator 2027")
    call = CallFactory(programme=programme, title="Call for challenges 2027")
    rubric(call)
    inclusion = ThemeFactory(slug="inclusion", name="Digital inclusion")
    evidence = ThemeFactory(slug="evidence", name=LONG_LABEL)
    azores = OrganisationFactory(name="Azores Education Office", country="PT", level="regional")
    nairobi = OrganisationFactory(name="Nairobi County", country="KE", level="local")
    ChallengeFactory(call=call, organisation=nairobi, themes=[inclusion, evidence])
    item = under_review(ChallengeFactory(call=call, organisation=azores, themes=[inclusion]))
    assign(item, reviewer(display_name="Ana Reviewer"), scores=[4, 5, 3], submitted=True)
    assign(item, reviewer(display_name="Ben Reviewer"))
    match = ConfirmedMatchFactory(programme=programme, challenge=item.submission)
    MatchRun.objects.create(
        programme=programme,
        state="done",
        finished_at=timezone.now(),
        figures={"challenges": 2, "providers": 1, "candidates": 2, "matches": 1},
    )
    session = SessionFactory(
        cohort=CohortFactory(programme=programme),
        theme=inclusion,
        title="Assisted digital",
        starts_at=timezone.now() - timedelta(days=3),
    )
    for came in (True, False):
        RegistrationFactory(session=session, attended=came)
    FeedbackFactory(session=session, rating=5)
    FeedbackFactory(session=session, rating=4)
    answered(SurveyFactory(match=match))
    return programme


def sign_in_as_the_desk(page: Page, site: str) -> None:
    secret = generate_totp_secret()
    desk = with_second_factor(
        secretariat_user(email="desk@incubator.example", display_name="Desk Officer"),
        secret=secret,
    )
    sign_in_with_second_factor(page, site, desk.email, secret)


def test_the_secretariat_reads_the_programme_in_numbers(page: Page, site: str):
    a_round()
    sign_in_as_the_desk(page, site)
    visit(page, f"{site}/secretariat/")
    follow(page, page.get_by_role("link", name="Programme dashboard"))
    follow(page, page.get_by_role("link", name="Innovation Incubator 2027"))

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "Programme dashboard: Innovation Incubator 2027"
    )
    funnel = main.get_by_role("figure", name="Call for challenges 2027: from draft to selection")
    expect(funnel.get_by_role("img", name=re.compile("submissions at each stage"))).to_be_visible()
    expect(funnel.get_by_role("row", name="Submitted 2")).to_be_visible()
    countries = main.get_by_role("figure", name="Submissions by country")
    expect(countries.get_by_role("table")).to_contain_text("Portugal")
    reviewers = main.get_by_role("figure", name="Reviews per reviewer")
    expect(reviewers.get_by_role("row", name="Ben Reviewer 0 1 1")).to_be_visible()
    feedback = main.get_by_role("figure", name="Feedback per theme")
    expect(feedback.get_by_role("row", name="Digital inclusion 2 4.5")).to_be_visible()
    expect(
        countries.get_by_role("link", name=re.compile("Download the table \\(CSV\\)"))
    ).to_have_attribute(
        "href", "/secretariat/programmes/incubator-2027/dashboard/submissions-country.csv"
    )

    # In French, the same page writes its numbers the French way.
    read_in(page, "Français")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#attendance-feedback table")).to_contain_text("4,5")


# Every text of every chart, with its font size and whether it stays inside its chart and
# is not cut: a label written whole never has more to show than its box.
CHART_TEXTS = """() => [...document.querySelectorAll(".chart-drawing")].flatMap((chart) => {
  const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll(".chart-label, .chart-value")].map((text) => {
    const r = text.getBoundingClientRect();
    return {
      text: text.textContent,
      size: parseFloat(getComputedStyle(text).fontSize),
      inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
      cut: text.scrollWidth > text.clientWidth + 1,
      chartInPage: box.right <= document.documentElement.clientWidth + 0.5,
    };
  });
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chart_label_is_whole_and_readable_on_a_phone_and_a_laptop(
    page: Page, site: str, width: int
):
    a_round()
    sign_in_as_the_desk(page, site)
    page.set_viewport_size({"width": width, "height": 844})
    visit(page, f"{site}/secretariat/programmes/incubator-2027/dashboard/")

    texts = page.evaluate(CHART_TEXTS)

    assert len(texts) > 20
    assert LONG_LABEL in [text["text"] for text in texts]
    assert "Ben Reviewer" in [text["text"] for text in texts]
    assert "0 of 1 (0%)" in [text["text"] for text in texts]
    small = [(text["text"], text["size"]) for text in texts if text["size"] < 14]
    assert not small, small
    outside = [text["text"] for text in texts if not text["inside"] or text["cut"]]
    assert not outside, outside
    assert all(text["chartInPage"] for text in texts)
    expect(page.locator(".chart-label", has_text=LONG_LABEL).first).to_be_visible()
    # The table of each chart's figures sits beside it, or below it on a phone, in the
    # page; a wide table scrolls inside its own region, never the page.
    tables_out = page.evaluate(
        """() => [...document.querySelectorAll(".dashboard-figure .table-wrap")]
          .filter((w) => w.getBoundingClientRect().right > document.documentElement.clientWidth)
          .map((w) => w.querySelector("caption").textContent)"""
    )
    assert not tables_out, tables_out
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width

"""The pages a person relies on, in a real browser at desktop and phone widths, each
checked with axe: the footer's accessibility, privacy and help pages, the error pages,
a reviewer's home and desk, and a matched team's overview with its files."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import Page, expect

from challenges.models import ChallengeAttachment
from tests.browser.journey import follow, sign_in, visit
from tests.challenges.files import PDF
from tests.outcomes.factories import ConfirmedMatchFactory, member_of
from tests.reviews.factories import assign, challenge_under_review, review_call, reviewer

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def sized(page: Page, request) -> Page:
    page.set_viewport_size({"width": request.param, "height": 900})
    return page


def fits_the_width(page: Page) -> None:
    """Nothing makes the page scroll sideways."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_the_footer_pages_are_reached_from_any_page(sized: Page, site: str):
    visit(sized, site)
    footer = sized.get_by_role("navigation", name="About the portal")
    for name, heading in (
        ("Accessibility statement", "Accessibility statement"),
        ("Privacy notice", "Privacy notice"),
        ("Help with the programme", "Help with the programme"),
        ("Contact the secretariat", "Write to the secretariat"),
    ):
        follow(sized, footer.get_by_role("link", name=name))
        expect(sized.get_by_role("heading", level=1)).to_have_text(heading)
        fits_the_width(sized)
        footer = sized.get_by_role("navigation", name="About the portal")


def test_the_error_pages_are_pages_of_the_portal(sized: Page, site: str):
    visit(sized, f"{site}/no-such-page/")
    expect(sized.get_by_role("heading", level=1)).to_have_text("Page not found")
    fits_the_width(sized)

    # A bookmarked form action is never a blank page: it leads to the page of its form.
    visit(sized, f"{site}{reverse('incubator:language_switch')}")
    expect(sized).to_have_url(f"{site}/")
    expect(sized.get_by_role("heading", level=1)).to_be_visible()


def test_a_reviewer_starts_from_open_work(sized: Page, site: str):
    person = reviewer(email="marie@board.example", display_name="Marie Dubois")
    call = review_call()
    assign(challenge_under_review(call, title="School meals 2027"), person)
    assign(
        challenge_under_review(call, title="Island ferries"),
        person,
        scores=[3, 3, 3],
        submitted=True,
    )

    sign_in(sized, site, person.email)
    expect(sized.get_by_role("main")).to_contain_text("1 review is waiting for you.")
    fits_the_width(sized)
    follow(sized, sized.get_by_role("link", name="All my reviews, finished ones too"))
    finished = sized.get_by_text("Finished: 1 review")
    expect(sized.get_by_role("link", name="Island ferries")).to_be_hidden()
    finished.click()
    expect(sized.get_by_role("link", name="Island ferries")).to_be_visible()
    fits_the_width(sized)


def test_a_matched_team_sees_its_partner_and_its_files(sized: Page, site: str, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    match = ConfirmedMatchFactory()
    owner = member_of(match.challenge.organisation, email="ana@ama.gov.example")
    match.solution.contacts.add(member_of(match.solution.organisation, display_name="Kadri Tamm"))
    # Attached while the challenge was a draft; a decided challenge takes no more files.
    attachment = ChallengeAttachment(
        challenge=match.challenge, original_name="policy-brief.pdf", kind="pdf", size=len(PDF)
    )
    attachment.file.save("policy-brief.pdf", ContentFile(PDF))

    sign_in(sized, site, owner.email)
    visit(sized, f"{site}{reverse('challenges:overview', kwargs={'pk': match.challenge.pk})}")

    main = sized.get_by_role("main")
    expect(main).to_contain_text("Matched with")
    expect(main.get_by_role("link", name="Write to Kadri Tamm")).to_be_visible()
    expect(main.get_by_role("link", name="policy-brief.pdf")).to_be_visible()
    fits_the_width(sized)

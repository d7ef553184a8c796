"""The second half of a public servant's journey with their own data: from "My portal"
they download a copy of everything about them, then delete their account; every page at
desktop and phone widths, checked with axe."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from incubator.models import User
from mydata.models import DataExport, ExportStatus
from mydata.services.exports import export_build
from tests.browser.journey import follow, sign_in, submit, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_person_downloads_their_data_then_deletes_their_account(page: Page, site: str):
    person = UserFactory(email="ines@gov.example", display_name="Inês Lopes")
    MembershipFactory(user=person)
    MembershipFactory(organisation=person.organisations.get())  # a colleague stays
    sign_in(page, site, person.email)

    follow(page, page.get_by_role("link", name="Download my data, or delete my account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your own data")
    submit(page, "Prepare a copy of my data")
    expect(page.get_by_role("status")).to_contain_text("Your copy is ready.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["person"]["email"] == "ines@gov.example"
    assert data["teams"]["memberships"][0]["team"]["name"] == person.organisations.get().name

    follow(page, page.get_by_role("link", name="Delete my account…"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account?")
    expect(page.get_by_text("You leave every team you belong to.")).to_be_visible()
    page.get_by_label("Your password").fill("not-my-password")
    submit(page, "Delete my account")
    expect(page.get_by_role("alert")).to_contain_text("That does not match. Nothing was deleted.")
    page.get_by_label("Your password").fill(PASSWORD)
    submit(page, "Delete my account")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account has been deleted")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")
    ).to_be_visible()
    assert not User.objects.get(pk=person.pk).is_active


def test_the_page_follows_the_copy_as_it_is_prepared(page: Page, site: str):
    person = UserFactory()
    export = DataExport.objects.create(user=person, status=ExportStatus.BUILDING, progress=40)
    sign_in(page, site, person.email)

    visit(page, f"{site}/me/data/")
    expect(page.get_by_text("Your copy is being prepared: 40% done.")).to_be_visible()
    expect(page.get_by_role("link", name="Download my data (JSON)")).to_be_hidden()
    export_build(export_id=export.pk)  # what the worker does meanwhile

    expect(page.get_by_text("Your copy is ready.")).to_be_visible()
    expect(page.get_by_role("link", name="Download my data (JSON)")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "100")

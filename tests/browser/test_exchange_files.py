"""The secretariat moves a programme round in and out as an exchange file, in a real
browser: a bad file is refused with its problems listed, the good one is imported, and
the round downloads again. axe-core checks every page on the way."""

import json

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from playwright.sync_api import Page, expect

from challenges.models import Challenge
from tests.browser.journey import follow, sign_in_with_second_factor, submit, visit
from tests.exchange.rounds import SAMPLE_PATH, as_bytes, sample
from tests.factories import secretariat_user, with_second_factor

pytestmark = pytest.mark.browser


def test_the_secretariat_imports_a_round_and_downloads_it_again(page: Page, site: str, tmp_path):
    secret = generate_totp_secret()
    desk = with_second_factor(secretariat_user(email="desk@incubator.example"), secret=secret)
    bad = sample()
    bad["organisations"][3]["country"] = "XX"
    bad_path = tmp_path / "round-with-a-mistake.json"
    bad_path.write_bytes(as_bytes(bad))

    sign_in_with_second_factor(page, site, desk.email, secret)
    visit(page, f"{site}/secretariat/")
    follow(page, page.get_by_role("link", name="Exchange files"))

    # A file with one wrong country code: refused whole, the problem named by its path.
    page.get_by_label("Exchange file").set_input_files(bad_path)
    submit(page, "Import the file")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("organisations[3].country: 'XX' is not a country code")
    expect(page.locator(".field--error")).to_contain_text("Nothing was imported")
    assert not Challenge.objects.exists()

    # The corrected file goes in.
    page.get_by_label("Exchange file").set_input_files(SAMPLE_PATH)
    submit(page, "Import the file")
    expect(page.get_by_role("status")).to_contain_text("Challenges: 4 created")
    assert Challenge.objects.count() == 4

    # And the round comes out again as the same file.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Innovation Incubator 2025").click()
    saved = tmp_path / "downloaded.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == sample()

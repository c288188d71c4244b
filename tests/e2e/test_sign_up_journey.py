"""Journey: sign up, verify from the email, log in, choose a time zone, read times in it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from communities.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Pr4ctice-makes-community"  # noqa: S105


def test_new_person_signs_up_verifies_and_sees_times_in_their_zone(page, live_server, mailoutbox):
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill("river.stone@example.org")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("river.stone@example.org")
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()

    person = User.objects.get(email="river.stone@example.org")
    User.objects.filter(pk=person.pk).update(
        date_joined=dt.datetime(2026, 1, 15, 18, 30, tzinfo=dt.UTC)
    )
    page.get_by_role("link", name="Edit your profile").click()
    page.get_by_label("Name").fill("River Stone")
    page.get_by_label("Time zone").select_option("America/Chicago")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("alert").filter(has_text="Profile saved.")).to_be_visible()

    page.get_by_role("link", name="See your profile as others see it").click()
    expect(page.get_by_role("heading", name="River Stone")).to_be_visible()
    expect(page.get_by_test_id("date-joined")).to_have_text("15 January 2026, 12:30 CST")
    expect(page.get_by_role("contentinfo")).to_contain_text("Times are shown in America/Chicago.")

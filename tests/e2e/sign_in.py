"""Logging in as a person would, through the login form: shared by the journeys."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD

# The label may end in a colon or a required-field mark; match the word alone, not
# "Password (again)".
PASSWORD_LABEL = re.compile(r"^\s*Password\W*$")


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Logs in on the login page and waits until the form is gone (the next page has loaded)."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign In")).to_have_count(0)

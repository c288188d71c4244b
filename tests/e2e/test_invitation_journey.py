"""Journey: a facilitator signs up, starts a private CoP and invites two people by email; one
signs up from the link, one logs in; both land as members; an outsider gets a 404."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import Community, Membership, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Pr4ctice-makes-community"  # noqa: S105
PASSWORD_LABEL = re.compile(r"^\s*Password\W*$")


def link_in(mail, path_part: str) -> str:
    return re.search(rf"https?://\S+{path_part}\S+/", mail.body).group(0)


def log_in(page, email: str, password: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_facilitator_invites_two_people_who_join_a_private_cop(page, new_page, mailoutbox):
    # The facilitator signs up and verifies the address from the email.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("facilitator.new@example.org")
    page.get_by_label(PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.goto(link_in(mailoutbox[-1], "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    page.goto("/accounts/login/")
    log_in(page, "facilitator.new@example.org", NEW_PASSWORD)

    # …starts a private, invitation-only CoP…
    page.get_by_role("link", name="Start a community").first.click()
    page.get_by_label("Name", exact=False).first.fill("Recovery Leaders Circle")
    page.get_by_label("Shared concern").fill("leading peer recovery programs")
    page.get_by_label("Private: only members see it").check()
    page.get_by_label("Invitation only").check()
    page.get_by_role("button", name="Create the community").click()
    expect(page.get_by_role("heading", name="Recovery Leaders Circle")).to_be_visible()
    cop_url = page.url

    # …and invites one person with an account and one without.
    existing = UserFactory(email="has.account@example.org")
    page.get_by_role("link", name="See members").click()
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill("has.account@example.org\nbrand.new@example.org")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Done: 0 added, 2 invited, 0 skipped.")).to_be_visible()
    invitations = {mail.to[0]: link_in(mail, "/invitations/") for mail in mailoutbox[-2:]}

    # The person with an account opens the link, logs in, comes back and accepts.
    first = new_page()
    first.goto(invitations["has.account@example.org"])
    log_in(first, "has.account@example.org", PASSWORD)
    first.get_by_role("button", name="Accept the invitation").click()
    expect(first.get_by_role("alert").filter(has_text="Welcome to")).to_be_visible()

    # The new person signs up from the link: no second verification.
    second = new_page()
    second.goto(invitations["brand.new@example.org"])
    second.get_by_role("link", name="Create my account and join").click()
    expect(second.get_by_label("Email")).to_have_value("brand.new@example.org")
    second.get_by_label(PASSWORD_LABEL).fill(NEW_PASSWORD)
    second.get_by_label("Password (again)").fill(NEW_PASSWORD)
    second.get_by_role("button", name="Sign Up").click()
    expect(second.get_by_role("link", name="Recovery Leaders Circle")).to_be_visible()

    community = Community.objects.get()
    newcomer = User.objects.get(email="brand.new@example.org")
    assert {m.user for m in Membership.objects.filter(community=community)} >= {existing, newcomer}

    # Someone else, logged in, finds nothing there.
    UserFactory(email="outsider.e2e@example.org")
    third = new_page()
    third.goto("/accounts/login/")
    log_in(third, "outsider.e2e@example.org", PASSWORD)
    response = third.goto(cop_url)
    assert response.status == 404
    expect(third.get_by_role("heading", name="Page not found")).to_be_visible()

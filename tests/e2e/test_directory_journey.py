"""Journey: log in, find a CoP in the directory by its shared concern, join it."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import Membership, Visibility
from tests.factories import PASSWORD, CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_finds_a_public_cop_by_domain_and_joins_it(page, live_server):
    match = CommunityFactory(
        name="Peer Recovery Circle", domain="peer recovery support", join_policy="open"
    )
    CommunityFactory(name="School Meals Network", domain="school nutrition programs")
    CommunityFactory(
        name="Hidden Recovery Group", domain="recovery coaching", visibility=Visibility.PRIVATE
    )
    person = UserFactory(email="sam.rivers@example.org")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Directory").click()
    page.get_by_label("Search name, shared concern or description").fill("recovery")
    page.get_by_role("button", name="Find").click()

    results = page.get_by_role("article")
    expect(results).to_have_count(1)
    expect(page.get_by_role("article", name="Peer Recovery Circle")).to_be_visible()
    expect(page.get_by_text("Hidden Recovery Group")).to_have_count(0)
    expect(page.get_by_text("School Meals Network")).to_have_count(0)

    page.get_by_role("link", name="Peer Recovery Circle").click()
    expect(page.get_by_role("heading", name="Peer Recovery Circle", level=1)).to_be_visible()
    page.get_by_role("button", name="Join this community").click()

    expect(
        page.get_by_role("alert").filter(has_text="Welcome to Peer Recovery Circle!")
    ).to_be_visible()
    facts = page.get_by_role("complementary", name="Facts")
    expect(facts.get_by_role("term").first).to_have_text("Members")
    expect(facts.get_by_role("definition").first).to_have_text(re.compile(r"^\s*1\b"))
    assert Membership.objects.filter(community=match, user=person).exists()

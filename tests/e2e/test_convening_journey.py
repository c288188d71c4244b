"""Journey: a program's TTA leader calls its CoPs' facilitators to a convening; a facilitator,
on a phone, finds it on the program page, answers from its page, and the leader sees the answer
and cancels it after a confirmation. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import expect

from communities.models import Role
from meetings.models import Convening, ConveningRsvp
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_facilitator_answers_a_convening_and_its_leader_cancels_it(page, new_page):
    program = ProgramFactory(name="Spring CoP Series")
    leader = UserFactory(email="lead@example.org", is_tta_leader=True)
    program.leaders.add(leader)
    community = CommunityFactory(program=program)
    facilitator = MembershipFactory(
        community=community, user=UserFactory(email="fac@example.org"), roles=[Role.FACILITATOR]
    ).user

    log_in(page, leader.email)
    page.goto(program.get_absolute_url())
    page.get_by_role("link", name="Schedule a convening").click()
    page.get_by_label("Title").fill("Leaders' round")
    page.get_by_label("Date").fill("2099-03-04")
    page.get_by_label("Start time").fill("15:00")
    page.get_by_label("End time").fill("16:00")
    page.get_by_label("Format").select_option("virtual")
    page.get_by_label("Join link").fill("https://meet.example.org/round")
    page.get_by_role("button", name="Save convening").click()
    expect(page.get_by_role("heading", name="Leaders' round")).to_be_visible()

    phone = new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, facilitator.email)
    phone.goto(program.get_absolute_url())
    assert page_width(phone) <= PHONE["width"]
    phone.get_by_role("link", name="Leaders' round").click()
    phone.get_by_role("button", name="Yes").click()
    expect(phone.get_by_role("alert").filter(has_text="Your answer is saved.")).to_be_visible()
    expect(phone.get_by_role("button", name="Yes")).to_have_attribute("aria-pressed", "true")
    assert page_width(phone) <= PHONE["width"]
    assert ConveningRsvp.objects.get().member == facilitator

    page.reload()
    expect(page.get_by_test_id("convening-counts")).to_have_text("Yes 1 · No 0 · Maybe 0")
    page.get_by_role("link", name="Cancel this convening").click()
    page.get_by_role("button", name="Cancel this convening").click()
    expect(page.get_by_text("Cancelled", exact=True).first).to_be_visible()
    assert Convening.objects.get().cancelled_at is not None

"""Journey: a facilitator writes the charter in steps (saving a draft half-way and coming back
to it), names goals and a role filled by a member, publishes, and records a goal's progress;
the member reads it on a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from communities.models import Role
from meetings.models import Charter, CharterRole, Goal
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_facilitator_writes_the_charter_in_steps_and_a_member_reads_it(page, new_page):
    community = CommunityFactory(name="Peer Recovery Circle")
    lead = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    member = MembershipFactory(community=community, user__name="Ada Member").user

    log_in(page, lead.email)
    page.goto(f"/cops/{community.slug}/meetings/")
    page.get_by_role("link", name="Charter and goals").click()
    expect(page.get_by_text("No charter yet.")).to_be_visible()
    page.get_by_role("link", name="Start the charter").click()

    expect(page.get_by_text("Step 1 of 9")).to_be_visible()
    page.get_by_label("The team's potential").fill("Directors learning from each other.")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 2 of 9")).to_be_visible()
    first = page.get_by_role("group", name="Goal 1")
    first.get_by_label("Goal", exact=True).fill("Cut staff turnover")
    first.get_by_label("How you will know it is met").fill("HR figures each quarter")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 3 of 9")).to_be_visible()
    formats = page.get_by_role("group", name="Which formats will the group use?")
    formats.get_by_label("Regular check-ins").check()
    formats.get_by_label("Shared problem-solving").check()
    page.get_by_role("button", name="Save draft").click()

    # Leaving and coming back resumes where the facilitator stopped.
    expect(page.get_by_role("alert").filter(has_text="Draft saved.")).to_be_visible()
    expect(page.get_by_text("Draft — not yet published.")).to_be_visible()
    page.get_by_role("link", name="Continue the draft (step 3 of 9)").click()
    expect(page.get_by_label("Regular check-ins")).to_be_checked()
    for _step in range(3, 8):
        page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 8 of 9")).to_be_visible()
    role = page.get_by_role("group", name="Role 1")
    role.get_by_label("Role", exact=True).fill("Note taker")
    role.get_by_label("Filled by").select_option(label="Ada Member")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 9 of 9")).to_be_visible()
    page.get_by_label("How resources are shared and stored").fill("A shared folder")
    page.get_by_role("button", name="Publish charter").click()
    expect(page.get_by_role("alert").filter(has_text="The charter is published")).to_be_visible()

    record_progress(page)
    read_as_member_on_a_phone(new_page(), member, community)

    charter = Charter.objects.get(community=community)
    assert charter.is_published
    assert charter.formats == ["check_ins", "problem_solving"]
    assert Goal.objects.get(community=community).success_measure == "HR figures each quarter"
    assert CharterRole.objects.get(charter=charter).holder == member


def record_progress(page) -> None:
    """The facilitator marks the goal in progress and notes what happened, from the charter."""
    goal = page.get_by_role("listitem").filter(has_text="Cut staff turnover")
    goal.get_by_text("Update this goal").click()
    goal.get_by_label("Status").select_option(label="In progress")
    goal.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("alert").filter(has_text="is now in progress")).to_be_visible()
    goal.get_by_text("Update this goal").click()
    goal.get_by_label("Progress note").fill("Exit interviews started.")
    goal.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("alert").filter(has_text="Progress note added.")).to_be_visible()


def read_as_member_on_a_phone(phone, member, community) -> None:
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, member.email)
    phone.goto(f"/cops/{community.slug}/charter/")
    expect(phone.get_by_role("heading", name="Cut staff turnover")).to_be_visible()
    expect(phone.get_by_text("Regular check-ins")).to_be_visible()
    expect(phone.get_by_text("In progress")).to_be_visible()
    expect(phone.get_by_text("Exit interviews started.")).to_be_visible()
    expect(phone.get_by_role("region", name="Roles").get_by_text("Ada Member")).to_be_visible()
    expect(phone.get_by_text("Draft — not yet published.")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

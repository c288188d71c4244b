"""Journey (the CoP dashboard, axe-checked): a facilitator on a phone-sized screen follows the
CoP page's health panel to the dashboard, sees the flag with its reason, a chart that has drawn
and each member's row, and downloads the member rows; the CoP's TTA provider sees the same
figures without any member's row (SPEC §6)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import Role
from oversight.models import CommunityHealth, WeeklyActivity
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def a_watched_cop():
    provider = UserFactory()
    community = CommunityFactory(
        name="Peer Supervisors", program=ProgramFactory(), provider=provider
    )
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    MembershipFactory(community=community, user=UserFactory(name="Listed Member"))
    CommunityHealth.objects.create(
        community=community,
        computed_at=timezone.now(),
        members=2,
        attendance_rate=0.25,
        present=1,
        absent=3,
        flag="2_watch",
        reasons=["low_attendance"],
    )
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    for weeks_ago, posts in ((0, 4), (1, 2), (3, 6)):
        WeeklyActivity.objects.create(
            community=community, week=monday - dt.timedelta(weeks=weeks_ago), posts=posts
        )
    return community, facilitator, provider


def test_a_facilitator_reads_the_dashboard_on_a_phone_and_the_provider_sees_no_member_rows(
    page, new_page
):
    community, facilitator, provider = a_watched_cop()

    phone = page
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, facilitator.email)
    phone.goto(community.get_absolute_url())
    panel = phone.get_by_role("region", name="CoP health")
    expect(panel.get_by_text("Attendance was 25% over the last 90 days.")).to_be_visible()
    panel.get_by_role("link", name="Dashboard").click()

    expect(phone.get_by_role("heading", name="Peer Supervisors: dashboard")).to_be_visible()
    expect(phone.locator("canvas#chart-weekly-posts")).to_have_attribute("data-drawn", "true")
    members = phone.get_by_role("region", name="Member by member")
    expect(members.get_by_role("link", name="Listed Member")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    with phone.expect_download() as arrival:
        members.get_by_role("link", name="Download the member rows (CSV)").click()
    assert "Listed Member" in arrival.value.path().read_text()

    other = new_page()
    log_in(other, provider.email)
    other.goto(f"/cops/{community.slug}/dashboard/")
    expect(other.get_by_text("Attendance was 25% over the last 90 days.")).to_be_visible()
    expect(other.get_by_role("region", name="Member by member")).to_have_count(0)
    expect(other.get_by_text("Listed Member")).to_have_count(0)

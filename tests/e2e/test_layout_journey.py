"""Journey: a member with a 60-character name, in a CoP with long names and badges, reads a
thread whose title and body hold one very long word. At 1280 px and at 390 px no page scrolls
sideways; the navigation stays on one line at 1280 px (the name cut with an ellipsis) and
collapses behind its toggler at 390 px with the brand flush-left; the directory's "Find" never
lies over a filter and its badges show their whole text."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.discussions.markdown import render_markdown
from communities.models import JoinPolicy, Ping
from communities.notifications.models import DeliveryMode, Notification
from tests.e2e.sign_in import log_in
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ProgramFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = "Maximiliana Evangelina Bartholomew-Featherstonehaugh Okonkwo"  # 60 characters
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}


def word(length: int, stem: str = "Supercalifragilistic") -> str:
    return (stem * (length // len(stem) + 1))[:length]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def box_overlaps(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def long_words():
    assert len(LONG_NAME) == 60
    program = ProgramFactory(name=word(150, "Interoperability"))
    community = CommunityFactory(
        name=word(150, "Pneumonoultramicroscopic"),
        domain=word(200, "Antidisestablishmentarian"),
        description=word(2_000),
        purpose=word(2_000, "Purpose"),
        join_policy=JoinPolicy.APPROVAL,
        program=program,
    )
    member = MembershipFactory(community=community, user=UserFactory(name=LONG_NAME)).user
    body = f"Our samovar notes:\n\n{word(5_000)}\n\nThe end."
    thread = ThreadFactory(
        community=community,
        author=member,
        title=word(200, "Thread"),
        body=body,
        body_html=render_markdown(body),
    )
    reply = f"A reply: {word(5_000, 'Reply')}"
    PostFactory(thread=thread, author=member, body=reply, body_html=render_markdown(reply))
    Ping.objects.create(
        community=community,
        author=member,
        question=word(300, "Question"),
        choices=[word(150, "Choice"), "No"],
        closes_at=timezone.now() + timedelta(days=2),
    )
    Notification.objects.create(
        key="layout:long",
        recipient=member,
        kind="reply",
        title=word(255, "Notice"),
        body=word(2_000, "Notice"),
        group=community.name,
        url=thread.get_absolute_url(),
        email_mode=DeliveryMode.OFF,
    )
    return member, community, thread


def assert_no_sideways_scroll(page, paths: list[str], width: int) -> None:
    for path in paths:
        assert page.goto(path).status == 200, path
        assert page_width(page) <= width, f"{path} is {page_width(page)} px wide at {width} px"


def test_long_words_wrap_and_the_page_never_scrolls_sideways(page, long_words):
    member, community, thread = long_words
    log_in(page, member.email)
    cop = community.get_absolute_url()
    paths = [
        "/",
        "/cops/",
        cop,
        thread.get_absolute_url(),
        f"{cop}discussions/",
        f"{cop}pings/",
        community.pings.get().get_absolute_url(),
        f"{cop}members/",
        f"/people/{member.handle}/",
        "/notifications/",
        "/search/?q=samovar",
    ]

    page.set_viewport_size(WIDE)
    assert_no_sideways_scroll(page, paths, WIDE["width"])

    page.set_viewport_size(NARROW)
    assert_no_sideways_scroll(page, paths, NARROW["width"])
    expect(page.get_by_role("link", name=word(200, "Thread"))).to_be_visible()  # the search hit
    page.goto(thread.get_absolute_url())
    # The words are on the page (wrapped), not cut to keep the width.
    expect(page.get_by_role("heading", level=1)).to_have_text(word(200, "Thread"))
    expect(page.locator(".post-body").first).to_contain_text(word(5_000))


def test_navigation_keeps_one_line_at_1280_and_collapses_at_390(page, long_words):
    member, _community, _thread = long_words
    page.set_viewport_size(WIDE)
    log_in(page, member.email)
    nav = page.get_by_role("navigation", name="Main")

    name_link = nav.get_by_role("link", name=LONG_NAME)
    expect(name_link).to_be_visible()
    expect(name_link).to_have_attribute("title", LONG_NAME)
    # Cut with an ellipsis: its text is wider than the box that shows it.
    assert name_link.evaluate("el => el.scrollWidth > el.clientWidth")
    tops = nav.locator(".nav-link").evaluate_all(
        "els => els.map(el => Math.round(el.getBoundingClientRect().top))"
    )
    heights = nav.locator(".nav-link").evaluate_all(
        "els => els.map(el => Math.round(el.getBoundingClientRect().height))"
    )
    assert len(set(tops)) == 1, tops
    assert len(set(heights)) == 1, heights  # no link wraps onto a second line of its own
    assert page_width(page) <= WIDE["width"]

    page.set_viewport_size(NARROW)
    page.goto("/")
    toggler = nav.get_by_role("button", name="Toggle navigation")
    expect(toggler).to_be_visible()
    expect(name_link).to_be_hidden()
    brand = nav.get_by_role("link", name="CoP Platform").bounding_box()
    heading = page.get_by_role("heading", level=1).bounding_box()
    # Flush-left: the brand starts where the page's content starts.
    assert abs(brand["x"] - heading["x"]) <= 1, (brand, heading)
    toggler.click()
    expect(name_link).to_be_visible()
    assert page_width(page) <= NARROW["width"]


@pytest.mark.parametrize("viewport", [WIDE, {"width": 820, "height": 900}, NARROW])
def test_directory_filters_hold_their_place_and_badges_show_their_text(page, long_words, viewport):
    page.set_viewport_size(viewport)
    page.goto("/cops/")
    search = page.get_by_role("search", name="Find a community")
    find = search.get_by_role("button", name="Find").bounding_box()
    controls = search.locator("input, select")
    expect(controls).to_have_count(4)
    for control in controls.all():
        assert not box_overlaps(find, control.bounding_box()), control.get_attribute("name")
        # The long program name stays inside its select rather than widening it.
        assert control.evaluate("el => el.getBoundingClientRect().right") <= viewport["width"]

    card = page.get_by_role("article").first
    card_box = card.bounding_box()
    for text in ("Approval: a membership manager approves requests", word(150, "Interoperability")):
        badge = card.get_by_text(text, exact=True)
        expect(badge).to_be_visible()
        # Whole: nothing clipped inside the badge, and the badge within its card.
        assert badge.evaluate("el => el.scrollWidth <= el.clientWidth"), text
        box = badge.bounding_box()
        assert box["x"] + box["width"] <= card_box["x"] + card_box["width"], text
    assert page_width(page) <= viewport["width"]

"""Journey: a member reads a thread whose Markdown holds a code block with a very long line; the
block is set apart (tinted, padded) and its line scrolls inside it, while the page itself does not
scroll sideways."""

import pytest
from playwright.sync_api import expect

from communities.discussions.markdown import render_markdown
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db(transaction=True)

LONG_LINE = "curl https://example.org/export?" + "&".join(f"column_{n}=on" for n in range(60))


def test_a_long_code_line_scrolls_inside_its_block_not_the_page(page):
    member = MembershipFactory(community=CommunityFactory(name="Data Practice Circle"))
    body = f"The query we run each month:\n\n```\n{LONG_LINE}\n```\n"
    thread = ThreadFactory(
        community=member.community, body=body, body_html=render_markdown(body), author=member.user
    )

    log_in(page, member.user.email)
    page.goto(thread.get_absolute_url())
    block = page.locator(".post-body pre").first
    expect(block).to_contain_text("column_59")

    style = block.evaluate(
        "el => { const s = getComputedStyle(el); return {overflow: s.overflowX,"
        " background: s.backgroundColor, padding: parseFloat(s.paddingLeft),"
        " scrolls: el.scrollWidth > el.clientWidth}; }"
    )
    page_scrolls = page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )

    assert style["overflow"] == "auto"
    assert style["scrolls"] is True
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert style["padding"] > 0
    assert page_scrolls is False

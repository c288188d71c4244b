"""Hostile Markdown posted through the real forms reaches the thread page inert.

The renderer has its own corpus (test_markdown_sanitiser.py); these tests prove that every write
path (start a thread, reply, edit either) stores what the sanitiser produced, by reading the page a
member sees: parsed as HTML, it carries nothing a browser would run.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from communities.models import Post, Thread
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

MARKER = "still-readable-marker"

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "remote-script": "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "event-handler": "<img src=x onerror=alert(1)>",
    "mouse-handler": '<a onmouseover="alert(document.cookie)">hover</a>',
    "javascript-link": "[click me](javascript:alert(1))",
    "encoded-javascript-link": '<a href="&#x6A;avascript:alert(1)">encoded</a>',
    "style-element": "<style>body{background:url(https://evil.example/x)}</style>",
    "style-attribute": '<p style="position:fixed;inset:0">cover</p>',
    "iframe": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "svg": '<svg onload="alert(1)"><circle r="5"/></svg>',
    "tag-soup": '</div></article><scr<script>ipt>alert(1)</scr</script>ipt><p onclick="x()"',
    "meta-refresh": '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">',
}

# Elements no member's text may produce anywhere in the page's body (the page itself has none).
NEVER = {"iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base", "frame"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class PageAudit(HTMLParser):
    """Everything executable on a page, and the text of its post bodies."""

    def __init__(self, static_prefix: str):
        super().__init__(convert_charrefs=True)
        self.static_prefix = static_prefix
        self.problems: list[str] = []
        self.post_body_text: list[str] = []
        self._depth_in_body = 0
        self._in_page_body = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self._in_page_body = self._in_page_body or tag == "body"
        if self._depth_in_body:
            self._depth_in_body += tag not in VOID
        elif tag == "div" and "post-body" in attrs.get("class", "").split():
            self._depth_in_body = 1
        self._audit(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._audit(tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag):
        if self._depth_in_body and tag not in VOID:
            self._depth_in_body -= 1

    def handle_data(self, data):
        if self._depth_in_body:
            self.post_body_text.append(data)

    def _audit(self, tag, attrs):
        if tag == "script" and not attrs.get("src", "").startswith(self.static_prefix):
            self.problems.append(f"<script {attrs}>")
        if tag in NEVER and self._in_page_body:
            self.problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.problems.append(f"<{tag} {name}>")
            target = "".join(value.split()).lower()
            scheme = target.split("/")[0]
            if name in URL_ATTRIBUTES and ":" in scheme and not target.startswith(SAFE_SCHEMES):
                self.problems.append(f"<{tag} {name}={value}>")


def audit(response, settings) -> PageAudit:
    assert response.status_code == 200
    page = PageAudit(settings.STATIC_URL)
    page.feed(response.content.decode())
    page.close()
    return page


def hostile_body(payload: str) -> str:
    return f"{MARKER} before\n\n{payload}\n\nafter {MARKER}"


@pytest.fixture
def member():
    return MembershipFactory()


def test_the_audit_finds_an_unsanitised_body_when_one_is_stored(client, member, settings):
    """The check itself: raw HTML stored as a body is reported."""
    thread = ThreadFactory(
        community=member.community, body_html=f"<p>{MARKER}</p>" + HOSTILE["tag-soup"]
    )
    client.force_login(member.user)

    page = audit(client.get(thread.get_absolute_url()), settings)

    assert page.problems
    assert MARKER in "".join(page.post_body_text)


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_new_thread_shows_nothing_executable_when_its_text_is_hostile(
    payload, client, member, settings
):
    client.force_login(member.user)

    client.post(
        reverse("communities:thread_create", args=[member.community.slug]),
        {"kind": "general", "title": "Hostile", "body": hostile_body(payload), "post": "1"},
    )

    page = audit(client.get(Thread.objects.get().get_absolute_url()), settings)
    assert page.problems == []
    assert MARKER in "".join(page.post_body_text)


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_reply_shows_nothing_executable_when_its_text_is_hostile(
    payload, client, member, settings
):
    thread = ThreadFactory(community=member.community)
    client.force_login(member.user)

    client.post(
        reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
        {"body": hostile_body(payload)},
    )

    assert Post.objects.filter(thread=thread).count() == 1
    page = audit(client.get(thread.get_absolute_url()), settings)
    assert page.problems == []
    assert MARKER in "".join(page.post_body_text)


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_an_edited_thread_shows_nothing_executable_when_the_new_text_is_hostile(
    payload, client, member, settings
):
    thread = ThreadFactory(community=member.community, author=member.user)
    client.force_login(member.user)

    client.post(
        reverse("communities:thread_edit", args=[member.community.slug, thread.pk]),
        {"title": thread.title, "body": hostile_body(payload)},
    )

    thread.refresh_from_db()
    assert thread.edited_at is not None
    page = audit(client.get(thread.get_absolute_url()), settings)
    assert page.problems == []
    assert MARKER in "".join(page.post_body_text)


@pytest.mark.parametrize("payload", HOSTILE.values(), ids=HOSTILE.keys())
def test_an_edited_reply_shows_nothing_executable_when_the_new_text_is_hostile(
    payload, client, member, settings
):
    post = PostFactory(thread__community=member.community, author=member.user)
    client.force_login(member.user)

    client.post(
        reverse("communities:post_edit", args=[member.community.slug, post.pk]),
        {"body": hostile_body(payload)},
    )

    post.refresh_from_db()
    assert post.edited_at is not None
    page = audit(client.get(post.thread.get_absolute_url()), settings)
    assert page.problems == []
    assert MARKER in "".join(page.post_body_text)

"""Members write Markdown; what reaches a page is sanitised HTML from an allow-list.

Markdown is rendered first, then `nh3` (a Rust sanitiser) removes everything not allowed:
scripts, event handlers, styles, SVG, iframes, and links to anything but http(s) and mailto.
"""

import re
from html.parser import HTMLParser

import markdown
import nh3
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "del", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# Control characters never belong in a post, and browsers skip some of them inside URLs.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")

# @handle, not inside a word or an email address
MENTION = re.compile(r"(?<![\w@/])@([a-z0-9_]{2,30})\b")


def mentioned_handles(text: str) -> set[str]:
    return set(MENTION.findall(text.lower()))


def render_markdown(text: str, *, known_handles: set[str] = frozenset()) -> SafeString:
    """Markdown → safe HTML. `@handle` of a known member becomes a link to their profile."""

    def link(match: re.Match) -> str:
        handle = match.group(1).lower()
        if handle not in known_handles:
            return match.group(0)
        return f"[@{handle}]({reverse('communities:profile', args=[handle])})"

    text = CONTROL_CHARACTERS.sub("", text)
    with_mentions = MENTION.sub(link, text) if known_handles else text
    html = markdown.markdown(
        with_mentions, extensions=["fenced_code", "tables", "sane_lists"], output_format="html"
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=LINK_REL,
        # A code block's long lines scroll inside it (site.css); keyboard users reach that
        # scroll only if the block takes focus (WCAG 2.1.1).
        set_tag_attribute_values={"pre": {"tabindex": "0"}},
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 produced it from an allow-list


# Tags whose edges separate words: `<p>a</p><p>b</p>` reads "a b", while `**bo**ld` stays "bold".
_BLOCK_TAGS = {
    "p", "br", "hr", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "div",
}  # fmt: skip


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        # convert_charrefs: entities (&amp; &lt; &#39;) arrive in handle_data as characters.
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag) -> None:
        self.handle_starttag(tag, ())

    def handle_data(self, data) -> None:
        self.parts.append(data)


def plain_text(html: str, *, limit: int | None = None) -> str:
    """The words of rendered, sanitised HTML as plain text, for notification texts and search
    snippets: tags dropped, entities unescaped, whitespace collapsed, then cut at a word to at
    most `limit` characters (with an ellipsis). Readers see "bold", not `**bold**` or `<b>`.

    The result is text, not markup: a page or an HTML email escapes it like any other text."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(parser.parts).split())
    if limit is None or len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # At the last space, unless that would throw most of the text away (one very long word).
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut.rstrip()}…"

"""Hostile Markdown and HTML render inert (OWASP XSS filter evasion cheat sheet, and more)."""

from html.parser import HTMLParser

import pytest

from communities.discussions.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<BODY ONLOAD=alert('XSS')>",
    "<iframe src=\"javascript:alert('XSS');\"></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="javascript:alert(1)">',
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<STYLE>@import'http://evil.example/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "[vb](vbscript:msgbox(1))",
    '<a href="&#x6A;avascript:alert(1)">encoded</a>',
    '<a href="java\0script:alert(1)">nul</a>',
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<base href="javascript:alert(1)//">',
    "<marquee onstart=alert(1)>x</marquee>",
    '<video><source onerror="alert(1)"></video>',
    "`<script>alert(1)</script>` and ```\n<script>alert(2)</script>\n```",
]

FORBIDDEN_TAGS = {
    "script", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base",
    "form", "input", "button", "img", "video", "source", "details", "marquee", "body",
}  # fmt: skip
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class TagCollector(HTMLParser):
    """The real tags and attributes of a fragment (escaped text is not a tag)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def executable_parts(html: str) -> list[str]:
    collector = TagCollector()
    collector.feed(html)
    problems = []
    for tag, attrs in collector.tags:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "data"}:
                target = "".join(value.split()).lower()
                if ":" in target.split("/")[0] and not target.startswith(SAFE_SCHEMES):
                    problems.append(f"{tag}[{name}={value}]")
    return problems


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_renders_inert(text):
    html = str(render_markdown(text))

    assert executable_parts(html) == [], html


def test_the_corpus_is_large_enough():
    assert len(HOSTILE) >= 30


def test_ordinary_markdown_survives_and_links_are_marked():
    html = str(render_markdown("**Bold** and [a link](https://example.org)\n\n- one\n- two"))

    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org" rel="nofollow ugc noopener">a link</a>' in html
    assert "<li>one</li>" in html


def test_code_is_shown_as_text():
    html = str(render_markdown("`<b>not bold</b>`"))

    assert "&lt;b&gt;not bold&lt;/b&gt;" in html

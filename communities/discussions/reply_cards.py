"""Each reply's card on the thread page, rendered once and shared by every viewer it would look
the same to.

Rendering twenty cards was most of the thread page's time (issue 11). A card depends on the
reply, on what its viewer may do with it and on the viewer's language and time zone, so plain
members reading a thread mostly see the same cards. The cache key is a digest of everything a
card shows: any change (an edit, a hide, a helpful mark, an author's new name, a new template)
makes a new key, so a cached card is never stale; the TTL only frees memory.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from communities.discussions.models import Post, Thread

PAGE = "communities/thread_detail.html"
CARD = f"{PAGE}#reply"
TTL = 24 * 60 * 60


def add_reply_cards(posts, *, thread: Thread, may_moderate: bool, may_accept: bool) -> None:
    """Sets `card`, the rendered card, on each of `posts` (as `offer_actions` left them), from
    the cache or rendered and cached. A moderator's cards are left to the page: each carries a
    form with the viewer's CSRF field, which must not be shared."""
    if may_moderate:
        return
    page_version = _template_version()
    keys = {_key(post, thread, may_accept, page_version): post for post in posts}
    found = cache.get_many(list(keys))
    rendered = {}
    for key, post in keys.items():
        if key not in found:
            context = {"post": post, "thread": thread, "may_accept": may_accept}
            found[key] = rendered[key] = render_to_string(CARD, context)
        # Our own template's output, escaped when it was rendered.
        post.card = mark_safe(found[key])  # noqa: S308
    if rendered:
        cache.set_many(rendered, TTL)


def _template_version() -> str:
    # The loaded template is cached by Django's loader (and reloaded in development), so a
    # changed template changes every key at once.
    return hashlib.sha256(get_template(PAGE).template.source.encode()).hexdigest()[:16]


def _key(post: Post, thread: Thread, may_accept: bool, page_version: str) -> str:
    author = post.author
    shown = (
        page_version,
        get_language(),
        timezone.get_current_timezone_name(),
        thread.pk,
        thread.kind,
        may_accept,
        post.pk,
        post.body_html,
        post.created_at,
        post.edited_at,
        post.deleted_at,
        post.is_hidden,
        post.hidden_reason,
        post.helpful_count,
        post.marked_helpful,
        post.is_accepted,
        None if author is None else (author.name, author.handle),
        post.may_react,
        post.may_report,
        post.may_edit,
        sorted(post.links.items()),
        [(a.pk, a.name, a.size, a.content_type) for a in getattr(post, "attachment_list", ())],
    )
    return "reply-card:" + hashlib.sha256(repr(shown).encode()).hexdigest()

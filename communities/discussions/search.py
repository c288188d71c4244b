"""Search over the threads and replies a viewer may read.

On PostgreSQL: full-text search over a stored, GIN-indexed vector (title weighted above body),
ranked, with highlighted snippets. On the embedded SQLite database: a case-insensitive match.
Only CoPs whose discussions the viewer may read are searched, so a private CoP's posts — and
their count — never reach a non-member.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from communities.access import access_of
from communities.discussions.models import Post, Thread
from communities.models import Community, User, Visibility

CONFIG = "english"
PER_KIND = 50
# Characters no post contains (control characters are stripped on input): they mark the
# highlight in a snippet until the snippet has been escaped.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    snippet: SafeString
    url: str
    community: str
    rank: float


def refresh_thread_vector(thread_id: int) -> None:
    if connection.vendor == "postgresql":
        Thread.objects.filter(pk=thread_id).update(
            search_vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("body", weight="B", config=CONFIG)
        )


def refresh_post_vector(post_id: int) -> None:
    if connection.vendor == "postgresql":
        Post.objects.filter(pk=post_id).update(
            search_vector=SearchVector("body", weight="B", config=CONFIG)
        )


def readable_communities(viewer: User):
    if not viewer.is_authenticated:
        return Community.objects.none()
    member_of = access_of(viewer).roles.keys()
    return Community.objects.filter(Q(pk__in=member_of) | Q(visibility=Visibility.PUBLIC))


def search_discussions(*, viewer: User, query: str) -> list[Hit]:
    query = query.strip()[:200]
    if not query:
        return []
    communities = readable_communities(viewer)
    threads = Thread.objects.filter(community__in=communities, is_hidden=False).select_related(
        "community"
    )
    posts = Post.objects.filter(
        thread__community__in=communities,
        thread__is_hidden=False,
        is_hidden=False,
        deleted_at__isnull=True,
    ).select_related("thread__community")
    if connection.vendor == "postgresql":
        return _postgres_hits(threads, posts, query)
    return _simple_hits(threads, posts, query)


def _postgres_hits(threads, posts, query: str) -> list[Hit]:
    search = SearchQuery(query, search_type="websearch", config=CONFIG)

    def headline(field):
        return SearchHeadline(
            field, search, config=CONFIG, start_sel=START, stop_sel=STOP, max_words=35
        )

    thread_rows = (
        threads.filter(search_vector=search)
        .annotate(rank=SearchRank(F("search_vector"), search), snippet=headline("body"))
        .order_by("-rank", "-pk")[:PER_KIND]
    )
    post_rows = (
        posts.filter(search_vector=search)
        .annotate(rank=SearchRank(F("search_vector"), search), snippet=headline("body"))
        .order_by("-rank", "-pk")[:PER_KIND]
    )
    hits = [_thread_hit(t, _highlight(t.snippet), t.rank) for t in thread_rows]
    hits += [_post_hit(p, _highlight(p.snippet), p.rank) for p in post_rows]
    return sorted(hits, key=lambda hit: -hit.rank)


def _simple_hits(threads, posts, query: str) -> list[Hit]:
    thread_rows = threads.filter(Q(title__icontains=query) | Q(body__icontains=query))
    post_rows = posts.filter(body__icontains=query)
    hits = [
        _thread_hit(t, _excerpt(t.body, query), 2.0 if query.lower() in t.title.lower() else 1.0)
        for t in thread_rows.order_by("-pk")[:PER_KIND]
    ]
    hits += [
        _post_hit(p, _excerpt(p.body, query), 1.0) for p in post_rows.order_by("-pk")[:PER_KIND]
    ]
    return sorted(hits, key=lambda hit: -hit.rank)


def _thread_hit(thread: Thread, snippet: SafeString, rank: float) -> Hit:
    return Hit(
        "thread", thread.title, snippet, thread.get_absolute_url(), thread.community.name, rank
    )


def _post_hit(post: Post, snippet: SafeString, rank: float) -> Hit:
    url = f"{post.thread.get_absolute_url()}#post-{post.pk}"
    return Hit("reply", post.thread.title, snippet, url, post.thread.community.name, rank)


def _highlight(snippet: str) -> SafeString:
    escaped = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 - user text escaped above; only <mark> added


def _excerpt(text: str, query: str, width: int = 80) -> SafeString:
    at = text.lower().find(query.lower())
    if at < 0:
        return _highlight(text[: width * 2])
    start = max(at - width, 0)
    piece = text[start:at] + START + text[at : at + len(query)] + STOP
    piece += text[at + len(query) : at + len(query) + width]
    return _highlight(("…" if start else "") + piece)

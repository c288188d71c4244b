"""The discussions' search provider: threads and replies a viewer may read.

Full-text search over vectors PostgreSQL computes and stores itself (generated columns,
GIN-indexed; thread title weighted above body), ranked, with escaped highlighted snippets.
Only CoPs whose discussions the viewer may read are searched — members, and any logged-in person
for a public CoP — so a private CoP's posts, and their count, never reach a non-member; a
program's TTA leaders are no exception (SPEC §1: threads only if they are members).

A reply's vector holds its own body, not its thread's title: a generated column cannot read
another table, and neither a trigger (which would rewrite every reply when a title changes) nor a
join at query time is worth it, because the title's words already find the thread itself, ranked
high (weight A). Carrying the title into replies would answer a title word with the thread plus
every one of its replies. A reply's hit still shows its thread's title.

Snippets are cut from the rendered, sanitised HTML, not the Markdown as typed, so a hit reads
"bold", not `**bold**`: PostgreSQL's headline replaces the tags with spaces and marks the words,
`plain_text` unescapes and tidies what is left, and `highlighted` escapes it all again before it
adds the one tag a snippet may hold, `<mark>`.

Hidden threads, hidden replies and soft-deleted replies are filtered out here; a soft-deleted
reply's body is emptied as well, so its stored vector matches nothing either.
"""

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext

from communities.access import access_of
from communities.discussions.markdown import plain_text
from communities.discussions.models import Post, Thread
from communities.models import Community, User, Visibility
from cop_platform.search import Hit, headline, highlighted, web_query

PER_KIND = 50
# The rendered HTML; a row written without it (a bulk insert) falls back to its text as typed,
# escaped all the same.
_SNIPPET_SOURCE = Coalesce(NullIf("body_html", Value("")), "body")


def readable_communities(viewer: User):
    if not viewer.is_authenticated:
        return Community.objects.none()
    member_of = access_of(viewer).roles.keys()
    return Community.objects.filter(Q(pk__in=member_of) | Q(visibility=Visibility.PUBLIC))


def search_discussions(*, viewer: User, query: str) -> list[Hit]:
    search = web_query(query)
    communities = readable_communities(viewer)
    thread_rows = (
        Thread.objects.filter(community__in=communities, is_hidden=False, search_vector=search)
        .select_related("community")
        .annotate(
            rank=SearchRank(F("search_vector"), search), snippet=headline(_SNIPPET_SOURCE, search)
        )
        .order_by("-rank", "-pk")[:PER_KIND]
    )
    post_rows = (
        Post.objects.filter(
            thread__community__in=communities,
            thread__is_hidden=False,
            is_hidden=False,
            deleted_at__isnull=True,
            search_vector=search,
        )
        .select_related("thread__community")
        .annotate(
            rank=SearchRank(F("search_vector"), search), snippet=headline(_SNIPPET_SOURCE, search)
        )
        .order_by("-rank", "-pk")[:PER_KIND]
    )
    hits = [_thread_hit(thread) for thread in thread_rows]
    hits += [_post_hit(post) for post in post_rows]
    return hits


def _thread_hit(thread: Thread) -> Hit:
    return Hit(
        kind="thread",
        label=gettext("Thread"),
        title=thread.title,
        snippet=_snippet(thread.snippet),
        url=thread.get_absolute_url(),
        community=thread.community.name,
        rank=thread.rank,
    )


def _post_hit(post: Post) -> Hit:
    return Hit(
        kind="reply",
        label=gettext("Reply"),
        title=post.thread.title,
        snippet=_snippet(post.snippet),
        url=f"{post.thread.get_absolute_url()}#post-{post.pk}",
        community=post.thread.community.name,
        rank=post.rank,
    )


def _snippet(headline_of_html: str):
    return highlighted(plain_text(headline_of_html))

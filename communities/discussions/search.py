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
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext

from communities.access import access_of
from communities.discussions.markdown import plain_text
from communities.discussions.models import Post, Thread
from communities.models import Community, User, Visibility
from cop_platform.search import Hit, Ranked, Ranking, headline, highlighted, web_query

PER_KIND = 50
# A common pair of words matches tens of thousands of replies, and ranking reads every row it
# ranks; so only the newest candidates of each kind are ranked (the highest ids: rows are numbered
# as they are written, and the primary key's index walks them newest first, stopping early). Past
# the cap the page says results were limited and suggests narrower words, which match fewer rows
# and so reach older ones.
CANDIDATES = 1000
# The rendered HTML; a row written without it (a bulk insert) falls back to its text as typed,
# escaped all the same.
_SNIPPET_SOURCE = Coalesce(NullIf("body_html", Value("")), "body")


def readable_communities(viewer: User):
    if not viewer.is_authenticated:
        return Community.objects.none()
    member_of = access_of(viewer).roles.keys()
    return Community.objects.filter(Q(pk__in=member_of) | Q(visibility=Visibility.PUBLIC))


def search_discussions(*, viewer: User, query: str) -> Ranking:
    search = web_query(query)
    threads = _findable_threads(readable_communities(viewer), search)
    posts = _findable_posts(readable_communities(viewer), search)
    found, limited = _best_of_newest({"thread": threads, "reply": posts}, search)
    ranked = [Ranked((kind, pk), rank) for kind, pk, rank in found]
    rank_of = {match.key: match.rank for match in ranked}

    def load(keys):
        return _hits(keys, threads=threads, posts=posts, search=search, rank_of=rank_of)

    return Ranking(ranked=ranked, load=load, limited=limited)


def _findable_threads(communities, search) -> QuerySet[Thread]:
    return Thread.objects.filter(community__in=communities, is_hidden=False, search_vector=search)


def _findable_posts(communities, search) -> QuerySet[Post]:
    return Post.objects.filter(
        thread__community__in=communities,
        thread__is_hidden=False,
        is_hidden=False,
        deleted_at__isnull=True,
        search_vector=search,
    )


def _best_of_newest(rows_by_kind: dict[str, QuerySet], search) -> tuple[list, bool]:
    """Per kind, the PER_KIND best `(kind, pk, rank)` among its newest CANDIDATES matches, in one
    query; and whether some kind had more matches than that. Only ids and ranks leave the inner
    queries: no row is sorted whole, and no snippet is made here."""
    selects, params = [], []
    for kind, rows in rows_by_kind.items():
        candidates = (
            rows.annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-pk")
            .values_list("pk", "rank")[: CANDIDATES + 1]  # one more tells whether there are more
        )
        inner, inner_params = candidates.query.sql_with_params()
        # Django cannot select from a subquery, so the outer ordering is written out; the window
        # count is taken before the LIMIT, over every candidate.
        selects.append(
            "(SELECT %s, c.id, c.rank, COUNT(*) OVER () "  # noqa: S608 - Django compiled `inner`
            f"FROM ({inner}) AS c(id, rank) ORDER BY c.rank DESC, c.id DESC LIMIT %s)"
        )
        params += [kind, *inner_params, PER_KIND]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        found = cursor.fetchall()
    limited = any(count > CANDIDATES for _kind, _pk, _rank, count in found)
    # Each kind's best first, in the order the kinds were given (equal ranks keep it).
    order = list(rows_by_kind)
    found.sort(key=lambda row: (order.index(row[0]), -row[2], -row[1]))
    return [(kind, pk, rank) for kind, pk, rank, _count in found], limited


def _hits(keys, *, threads, posts, search, rank_of) -> dict:
    """The hits of the page shown: rows and `ts_headline` for these keys only. The same filters
    as the ranking apply again, so a thread hidden since it was ranked is not shown."""
    thread_pks = [pk for kind, pk in keys if kind == "thread"]
    post_pks = [pk for kind, pk in keys if kind == "reply"]
    hits = {}
    if thread_pks:
        rows = (
            threads.filter(pk__in=thread_pks)
            .select_related("community")
            .annotate(snippet=headline(_SNIPPET_SOURCE, search))
        )
        hits |= {
            ("thread", thread.pk): _thread_hit(thread, rank_of[("thread", thread.pk)])
            for thread in rows
        }
    if post_pks:
        rows = (
            posts.filter(pk__in=post_pks)
            .select_related("thread__community")
            .annotate(snippet=headline(_SNIPPET_SOURCE, search))
        )
        hits |= {("reply", post.pk): _post_hit(post, rank_of[("reply", post.pk)]) for post in rows}
    return hits


def _thread_hit(thread: Thread, rank: float) -> Hit:
    return Hit(
        kind="thread",
        label=gettext("Thread"),
        title=thread.title,
        snippet=_snippet(thread.snippet),
        url=thread.get_absolute_url(),
        community=thread.community.name,
        rank=rank,
    )


def _post_hit(post: Post, rank: float) -> Hit:
    return Hit(
        kind="reply",
        label=gettext("Reply"),
        title=post.thread.title,
        snippet=_snippet(post.snippet),
        url=f"{post.thread.get_absolute_url()}#post-{post.pk}",
        community=post.thread.community.name,
        rank=rank,
    )


def _snippet(headline_of_html: str):
    return highlighted(plain_text(headline_of_html))

"""The discussions' search provider: threads and replies a viewer may read.

Full-text search over vectors PostgreSQL computes and stores itself (generated columns; thread
title weighted above body), ranked, with escaped highlighted snippets. Matches are found and
ranked in the search entries (search_entries.py: one narrow, GIN-indexed row per findable thread
or reply, with its CoP), and only the page shown is loaded from the posts themselves.
Only CoPs whose discussions the viewer may read are searched — members, and any logged-in person
for a public CoP — so a private CoP's posts, and their count, never reach a non-member; a
program's TTA leaders are no exception (SPEC §1: threads only if they are members).

A reply's vector holds its own body, not its thread's title: a generated column cannot read
another table, and neither copying the title into every reply's entry (a title change would
rewrite them all) nor a join at query time is worth it, because the title's words already find
the thread itself, ranked high (weight A). Carrying the title into replies would answer a title
word with the thread plus every one of its replies. A reply's hit still shows its thread's title.

Snippets are cut from the rendered, sanitised HTML, not the Markdown as typed, so a hit reads
"bold", not `**bold**`: PostgreSQL's headline replaces the tags with spaces and marks the words,
`plain_text` unescapes and tidies what is left, and `highlighted` escapes it all again before it
adds the one tag a snippet may hold, `<mark>`.

Hidden threads, hidden replies, soft-deleted replies and the replies of hidden threads have no
search entry, and loading a page filters them out again (hidden since it was ranked); a
soft-deleted reply's body is emptied as well, so its stored vector matches nothing either.
"""

from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext

from communities.access import access_of
from communities.discussions.markdown import plain_text
from communities.discussions.models import Post, Thread
from communities.discussions.search_entries import SearchEntry
from communities.models import Community, User, Visibility
from cop_platform.search import Hit, Ranked, Ranking, headline, highlighted, web_query

PER_KIND = 50
# A common pair of words matches tens of thousands of posts, and ranking reads every entry it
# ranks; so only the newest matching entries, threads and replies together, are ranked (the
# highest ids: entries are numbered as they are written, and the primary key's index walks them
# newest first, stopping at the cap). The walk's length is the cap divided by the share of entries
# that match, so the cap is what a pair of middling frequency costs: at 10x data a pair in 1 % of
# posts reads 30,000 entries for 300 candidates, and read 100,000 for 1,000. The page shows 50 of
# each kind at most. Past the cap the page says results were limited and suggests narrower words,
# which match fewer entries and so reach older ones.
CANDIDATES = 300
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
    communities = readable_communities(viewer)
    found, limited = _best_of_newest(communities, search)
    ranked = [Ranked(key, rank) for key, rank in found]
    rank_of = {match.key: match.rank for match in ranked}
    threads = _findable_threads(communities, search)
    posts = _findable_posts(communities, search)

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


def _best_of_newest(communities, search) -> tuple[list, bool]:
    """The PER_KIND best `((kind, pk), rank)` of each kind among the newest CANDIDATES matching
    entries, in one query; and whether more matched than that. Only ids and ranks leave it: no
    post row is read, and no snippet is made here."""
    newest = (
        SearchEntry.objects.filter(community__in=communities, search_vector=search)
        .order_by("-pk")
        .values_list("thread_id", "post_id", "search_vector")[: CANDIDATES + 1]
    )
    inner, inner_params = newest.query.sql_with_params()
    query, query_params = newest.query.get_compiler(connection=connection).compile(search)
    # Django cannot select from a subquery, so the outer query is written out. The rank is
    # computed there, on the candidates only (inside, PostgreSQL may rank every match before it
    # sorts them); the window count is taken over every candidate.
    sql = (
        "SELECT thread_id, post_id, rank, total FROM ("  # noqa: S608 - Django compiled both parts
        " SELECT c.thread_id, c.post_id, ts_rank(c.search_vector, q.query) AS rank,"
        "  COUNT(*) OVER () AS total,"
        "  ROW_NUMBER() OVER (PARTITION BY c.post_id IS NULL"
        "   ORDER BY ts_rank(c.search_vector, q.query) DESC, COALESCE(c.post_id, c.thread_id) DESC"
        "  ) AS place"
        f" FROM ({inner}) AS c(thread_id, post_id, search_vector), (SELECT {query} AS query) AS q"
        ") AS ranked WHERE place <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *query_params, PER_KIND])
        rows = cursor.fetchall()
    limited = any(total > CANDIDATES for *_match, total in rows)
    found = [
        (("thread", thread) if post is None else ("reply", post), rank)
        for thread, post, rank, _total in rows
    ]
    # Threads first, then replies, each kind's best first (equal ranks keep it).
    found.sort(key=lambda row: (row[0][0] != "thread", -row[1], -row[0][1]))
    return found, limited


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

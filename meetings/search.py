"""Meetings' search provider: a meeting's title and description, its agenda items, and its
occurrences' minutes, in the CoPs whose meetings the viewer may see.

Each kind has a vector PostgreSQL computes and stores (generated columns, GIN-indexed; a
meeting's title weighted A as a thread's is, the rest B), ranked with `ts_rank` under the same
configuration as the discussions' hits, so the search page merges them by rank. Ranking costs one
query for all three kinds and returns keys and ranks only; loading a page costs one query per
kind shown, with `ts_headline` snippets, however many meetings match.

Visibility follows `meeting.view` (meetings/rules.py): members, those who oversee the CoP (its
program's TTA leaders, its TTA provider) and, for a public CoP, anyone signed in. So a private
CoP's meetings and minutes, and their count, never reach a non-member, and a member who left
finds nothing more.
"""

from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import gettext

from communities.access import access_of
from communities.discussions.markdown import plain_text
from communities.discussions.search import CANDIDATES
from communities.models import Community, User, Visibility
from cop_platform.search import Hit, Ranked, Ranking, headline, highlighted, web_query
from meetings.models import AgendaItem, Meeting, OccurrenceRecord
from meetings.recurrence import occurrence_key

# The best of each kind; a page shows fifty of each at most, as the discussions' provider does.
# Each kind ranks only its newest CANDIDATES matches (the discussions' cap, reused): past it
# the search page says only the most recent matches were ranked.
PER_KIND = 50


def visible_communities(viewer: User) -> QuerySet[Community]:
    """The CoPs whose meetings this signed-in viewer may see (`meeting.view`), as a subquery."""
    access = access_of(viewer)
    return Community.objects.filter(
        Q(pk__in=list(access.roles))
        | Q(visibility=Visibility.PUBLIC)
        | Q(program_id__in=list(access.led_program_ids))
        | Q(provider=viewer)
    )


def search_meetings(*, viewer: User, query: str) -> Ranking:
    if not viewer.is_authenticated:
        return Ranking(ranked=[], load=lambda keys: {})
    search = web_query(query)
    communities = visible_communities(viewer)
    findable = {
        "meeting": Meeting.objects.filter(community__in=communities, search_vector=search),
        # An agenda item of a meeting found by its own title or description adds nothing.
        "agenda": AgendaItem.objects.filter(
            meeting__community__in=communities, search_vector=search
        ).exclude(meeting__search_vector=search),
        "minutes": OccurrenceRecord.objects.filter(
            meeting__community__in=communities, search_vector=search
        ),
    }
    # One query ranks all three kinds: each kind's best among its newest candidates, glued
    # with UNION ALL.
    parts = [_best_of_newest(kind, rows, search) for kind, rows in findable.items()]
    sql = " UNION ALL ".join(f"({part_sql})" for part_sql, _params in parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _sql, params in parts for param in params])
        rows = cursor.fetchall()
    limited = any(total > CANDIDATES for *_match, total in rows)
    found = [(kind, pk, rank) for kind, pk, rank, _total in rows]
    ranked = [Ranked((kind, pk), rank) for kind, pk, rank in found]
    # Each kind's best first, as the discussions' provider orders its own (equal ranks keep it).
    ranked.sort(key=lambda match: -match.rank)
    rank_of = {match.key: match.rank for match in ranked}

    def load(keys):
        return _hits(keys, findable=findable, search=search, rank_of=rank_of)

    return Ranking(ranked=ranked, load=load, limited=limited)


def _best_of_newest(kind: str, rows: QuerySet, search) -> tuple[str, list]:
    """The SQL of a kind's PER_KIND best `(kind, pk, rank, total)` among its newest CANDIDATES
    matches (highest ids first, as the discussions' provider does), and its parameters; `total`
    is how many candidates were read, CANDIDATES + 1 when more matched than were ranked."""
    newest = rows.order_by("-pk").values_list("pk", "search_vector")[: CANDIDATES + 1]
    inner, inner_params = newest.query.sql_with_params()
    query, query_params = newest.query.get_compiler(connection=connection).compile(search)
    # Django cannot select from a subquery, so the outer query is written out. The rank is
    # computed there, on the newest CANDIDATES only; the one past them only tells that more
    # matched.
    sql = (
        "SELECT kind, pk, rank, total FROM ("  # noqa: S608 - Django compiled both parts
        " SELECT %s::text AS kind, c.pk, ts_rank(c.search_vector, q.query) AS rank, c.total,"
        "  ROW_NUMBER() OVER ("
        "   ORDER BY ts_rank(c.search_vector, q.query) DESC, c.pk DESC"
        "  ) AS place"
        " FROM ("
        "  SELECT n.pk, n.search_vector, COUNT(*) OVER () AS total,"
        "   ROW_NUMBER() OVER (ORDER BY n.pk DESC) AS age"
        f"  FROM ({inner}) AS n(pk, search_vector)"
        f" ) AS c, (SELECT {query} AS query) AS q"
        " WHERE c.age <= %s"
        ") AS ranked WHERE place <= %s"
    )
    return sql, [kind, *inner_params, *query_params, CANDIDATES, PER_KIND]


def _hits(keys, *, findable, search, rank_of) -> dict:
    """The hits of the page shown, one query per kind; the ranking's filters apply again, so a
    row deleted (or a CoP left) since it was ranked is not shown."""
    wanted: dict[str, list[int]] = {}
    for kind, pk in keys:
        wanted.setdefault(kind, []).append(pk)
    hits = {}
    if wanted.get("meeting"):
        rows = (
            findable["meeting"]
            .filter(pk__in=wanted["meeting"])
            .select_related("community")
            .annotate(snippet=headline(Coalesce(NullIf("description", Value("")), "title"), search))
        )
        for meeting in rows:
            hits[("meeting", meeting.pk)] = Hit(
                kind="meeting",
                label=gettext("Meeting"),
                title=meeting.title,
                snippet=highlighted(meeting.snippet),
                url=meeting.get_absolute_url(),
                community=meeting.community.name,
                rank=rank_of[("meeting", meeting.pk)],
            )
    if wanted.get("agenda"):
        rows = (
            findable["agenda"]
            .filter(pk__in=wanted["agenda"])
            .select_related("meeting__community")
            .annotate(snippet=headline("title", search))
        )
        for item in rows:
            hits[("agenda", item.pk)] = Hit(
                kind="agenda",
                label=gettext("Meeting agenda"),
                title=item.meeting.title,
                snippet=highlighted(item.snippet),
                url=item.meeting.get_absolute_url(),
                community=item.meeting.community.name,
                rank=rank_of[("agenda", item.pk)],
            )
    if wanted.get("minutes"):
        rows = (
            findable["minutes"]
            .filter(pk__in=wanted["minutes"])
            .select_related("meeting__community")
            .annotate(
                snippet=headline(Coalesce(NullIf("minutes_html", Value("")), "minutes"), search)
            )
        )
        for record in rows:
            meeting = record.meeting
            hits[("minutes", record.pk)] = Hit(
                kind="minutes",
                label=gettext("Meeting minutes"),
                title=meeting.title,
                # Cut from the sanitised HTML: tidied to text, then escaped with its marks.
                snippet=highlighted(plain_text(record.snippet)),
                url=reverse(
                    "meetings:occurrence",
                    args=[
                        meeting.community.slug,
                        meeting.pk,
                        occurrence_key(record.occurrence_start),
                    ],
                ),
                community=meeting.community.name,
                rank=rank_of[("minutes", record.pk)],
            )
    return hits

"""The toolkit's search provider: resources (title, description, tags) and published knowledge
entries (title, body, tags), where the viewer may read them.

Resources: a CoP's own, for those who read its toolkit (`toolkit.view`: its members, and anyone
signed in for a public CoP); a program-wide one, for the members of the program's CoPs (its hit
opens in the first of their CoPs). Retired resources never appear. Entries: the published ones
`entries_visible_to` the viewer (toolkit/knowledge.py); drafts never appear. So nothing of a
private CoP — not a hit, not a count — reaches a non-member.

Titles and texts are matched through vectors PostgreSQL stores and indexes on every write (a
vector computed per row in the query made the whole search page 5x slower at 10x data); tags,
which a generated column cannot reach, through the matching tags' ids. Each kind ranks only its
newest CANDIDATES matches, as the other providers do.
"""

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.urls import reverse
from django.utils.translation import gettext

from communities.access import access_of
from communities.discussions.markdown import plain_text
from communities.discussions.search import CANDIDATES
from communities.models import Community, Tag, User, Visibility
from cop_platform.search import (
    SEARCH_CONFIG,
    Hit,
    Ranked,
    Ranking,
    highlighted,
    web_query,
)
from toolkit.knowledge import entries_visible_to
from toolkit.models import KnowledgeEntry, Resource

PER_KIND = 50
SNIPPET = 240


def _resources_readable_by(viewer: User) -> QuerySet[Resource]:
    """Live resources the viewer may read: of CoPs they belong to or public ones, and the
    program-wide ones of their CoPs' programs (subqueries: no query of its own)."""
    member_of = list(access_of(viewer).roles)
    readable = Community.objects.filter(Q(pk__in=member_of) | Q(visibility=Visibility.PUBLIC))
    their_programs = Community.objects.filter(pk__in=member_of, program__isnull=False)
    return Resource.objects.filter(retired_at__isnull=True).filter(
        Q(community__in=readable) | Q(program_id__in=their_programs.values("program_id"))
    )


def _homes(viewer: User) -> dict[int, Community]:
    """For each program, the first of the viewer's CoPs in it: where its resources open."""
    member_of = list(access_of(viewer).roles)
    home = {}
    for cop in Community.objects.filter(pk__in=member_of, program__isnull=False).order_by("pk"):
        home.setdefault(cop.program_id, cop)
    return home


def _tagged_with_match(model, search) -> QuerySet:
    """Ids of the rows carrying a tag the query matches (tags are few: their vectors are
    computed here, while the rows' own are stored and indexed)."""
    tags = Tag.objects.annotate(document=SearchVector("name", config=SEARCH_CONFIG))
    through = model.tags.through
    row_column = f"{model._meta.model_name}_id"
    return through.objects.filter(tag__in=tags.filter(document=search).values("pk")).values(
        row_column
    )


def _newest_matches(rows: QuerySet, kind: str, search) -> QuerySet:
    """(kind, pk, rank) of the newest CANDIDATES + 1 matches, for one UNION ALL. A match by tag
    alone ranks below every match in the title or text."""
    return (
        rows.filter(Q(search_vector=search) | Q(pk__in=_tagged_with_match(rows.model, search)))
        .annotate(found=Value(kind), rank=SearchRank(F("search_vector"), search))
        .order_by("-pk")
        .values_list("found", "pk", "rank")[: CANDIDATES + 1]
    )


def search_toolkit(*, viewer: User, query: str) -> Ranking:
    if not viewer.is_authenticated:
        return Ranking(ranked=[], load=lambda keys: {})
    search = web_query(query)
    resources = _newest_matches(_resources_readable_by(viewer), "resource", search)
    entries = _newest_matches(entries_visible_to(viewer), "entry", search)
    # One query ranks both kinds; each kind keeps its best PER_KIND of its newest CANDIDATES.
    parts = [rows.query.sql_with_params() for rows in (resources, entries)]
    sql = " UNION ALL ".join(f"({part_sql})" for part_sql, _params in parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _sql, params in parts for param in params])
        found = cursor.fetchall()
    by_kind = {"resource": [], "entry": []}
    for kind, pk, rank in found:
        by_kind[kind].append((pk, rank))
    limited = any(len(rows) > CANDIDATES for rows in by_kind.values())
    ranked = [
        Ranked((kind, pk), rank)
        for kind, rows in by_kind.items()
        for pk, rank in sorted(rows[:CANDIDATES], key=lambda row: -row[1])[:PER_KIND]
    ]
    ranked.sort(key=lambda match: -match.rank)
    rank_of = {match.key: match.rank for match in ranked}
    member_of = set(access_of(viewer).roles)

    def load(keys):
        return _hits(keys, home=_homes(viewer), member_of=member_of, rank_of=rank_of)

    return Ranking(ranked=ranked, load=load, limited=limited)


def _entry_url(entry: KnowledgeEntry, member_of: set[int]) -> str:
    """The CoP's page for its members and a public CoP's readers; otherwise the entry reached
    the viewer through its program, whose body of knowledge has a page for it."""
    cop = entry.community
    if cop.pk in member_of or cop.visibility == Visibility.PUBLIC:
        return entry.get_absolute_url()
    return reverse("toolkit:program_knowledge_entry", args=[cop.program.slug, entry.pk])


def _hits(keys, *, home, member_of, rank_of) -> dict:
    wanted = {kind: [pk for k, pk in keys if k == kind] for kind in ("resource", "entry")}
    hits = {}
    for resource in Resource.objects.filter(pk__in=wanted["resource"]).select_related("community"):
        cop = resource.community or home.get(resource.program_id)
        if cop is None:
            continue
        hits[("resource", resource.pk)] = Hit(
            kind="resource",
            label=gettext("Resource"),
            title=resource.title,
            snippet=highlighted(resource.description[:SNIPPET]),
            url=resource.url_in(cop),
            community=cop.name,
            rank=rank_of[("resource", resource.pk)],
        )
    entries = KnowledgeEntry.objects.filter(pk__in=wanted["entry"])
    for entry in entries.select_related("community__program"):
        hits[("entry", entry.pk)] = Hit(
            kind="knowledge",
            label=entry.get_kind_display(),
            title=entry.title,
            snippet=highlighted(plain_text(entry.body_html, limit=SNIPPET)),
            url=_entry_url(entry, member_of),
            community=entry.community.name,
            rank=rank_of[("entry", entry.pk)],
        )
    return hits

"""Knowledge capture: drafting, publishing and reading a CoP's knowledge entries, a CoP's choice
to publish them to its program, and the program's body of knowledge.

Who reads a published entry (`entries_visible_to`): anyone signed in for a public CoP's; a
private CoP's only its members — unless the CoP chose to publish to its program, when the
program's TTA leaders and the members of its CoPs read them too. Those who oversee a private CoP
(its TTA leaders, its provider) read its entries only through that choice, as they read its
threads and files only as members (SPEC §1)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.access import access_of
from communities.discussions.markdown import render_markdown
from communities.models import Community, Program, Tag, User, Visibility
from communities.services.people import tags_named
from toolkit.models import KnowledgeEntry, ProgramSharing


class KnowledgeError(Exception):
    """An action the entry's state does not allow."""


@dataclass(frozen=True)
class KnowledgeFilters:
    kind: str = ""
    community: int | None = None


def _shaped(entries: QuerySet[KnowledgeEntry]) -> QuerySet[KnowledgeEntry]:
    return entries.select_related("community", "author").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"), to_attr="tag_list")
    )


def _filtered(entries, filters: KnowledgeFilters):
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.community:
        entries = entries.filter(community_id=filters.community)
    return _shaped(entries).order_by("-published_at", "-pk")


def entries_visible_to(viewer: User) -> QuerySet[KnowledgeEntry]:
    """Every published entry this viewer may read, anywhere (also the search's scope)."""
    if not viewer.is_authenticated:
        return KnowledgeEntry.objects.none()
    access = access_of(viewer)
    member_of = list(access.roles)
    # The programs the viewer is in, as a subquery: no query of its own.
    their_programs = Community.objects.filter(pk__in=member_of, program__isnull=False)
    in_program = Q(community__program_id__in=list(access.led_program_ids)) | Q(
        community__program_id__in=their_programs.values("program_id")
    )
    return KnowledgeEntry.objects.filter(published_at__isnull=False).filter(
        Q(community__visibility=Visibility.PUBLIC)
        | Q(community_id__in=member_of)
        | (Q(community__knowledge_sharing__isnull=False) & in_program)
    )


def published_entries(*, community: Community, filters: KnowledgeFilters) -> QuerySet:
    """The CoP's published entries (its knowledge page asks `knowledge.view` first)."""
    entries = KnowledgeEntry.objects.filter(community=community, published_at__isnull=False)
    return _filtered(entries, filters)


def drafts_for(*, community: Community, viewer: User, editor: bool) -> list[KnowledgeEntry]:
    """The drafts this viewer sees on the CoP's knowledge page: every draft for its editors,
    one's own for a member."""
    drafts = KnowledgeEntry.objects.filter(community=community, published_at__isnull=True)
    if not editor:
        drafts = drafts.filter(author=viewer)
    return list(_shaped(drafts).order_by("-created_at", "-pk")[:50])


def body_of_knowledge(*, program: Program, viewer: User, filters: KnowledgeFilters) -> QuerySet:
    entries = entries_visible_to(viewer).filter(community__program=program)
    return _filtered(entries, filters)


def communities_with_entries(*, program: Program, viewer: User) -> QuerySet[Community]:
    """The CoPs of the program whose entries this viewer reads, for the CoP filter."""
    visible = entries_visible_to(viewer).filter(community__program=program)
    return Community.objects.filter(pk__in=visible.values("community_id")).order_by("name")


def program_entry(*, program: Program, viewer: User, pk: int) -> KnowledgeEntry:
    """A published entry of the program this viewer reads (else not found): the body of
    knowledge's own page for it, since a private CoP's page is not found for non-members."""
    entries = entries_visible_to(viewer).filter(community__program=program, pk=pk)
    entry = _shaped(entries).first()
    if entry is None:
        raise Http404
    return entry


def entry_in(*, community: Community, pk: int) -> KnowledgeEntry:
    entry = _shaped(KnowledgeEntry.objects.filter(community=community, pk=pk)).first()
    if entry is None:
        raise Http404
    entry.community = community
    return entry


def shares_with_program(community: Community) -> bool:
    return ProgramSharing.objects.filter(community=community).exists()


@transaction.atomic
def draft_entry(
    *, actor: User, community: Community, kind: str, title: str, body: str, tags: list[str] = ()
) -> KnowledgeEntry:
    entry = KnowledgeEntry.objects.create(
        community=community,
        kind=kind,
        title=title,
        body=body,
        body_html=render_markdown(body),
        author=actor,
    )
    entry.tags.set(tags_named(list(tags)))
    return entry


@transaction.atomic
def update_entry(
    *, actor: User, entry: KnowledgeEntry, kind: str, title: str, body: str, tags: list[str]
) -> KnowledgeEntry:
    entry.kind, entry.title, entry.body = kind, title, body
    entry.body_html = render_markdown(body)
    entry.save()
    entry.tags.set(tags_named(list(tags)))
    return entry


@transaction.atomic
def set_published(*, actor: User, entry: KnowledgeEntry, published: bool) -> bool:
    """Publish (or take back to draft) an entry. Returns whether anything changed."""
    if published == entry.is_published:
        return False
    if published and entry.community.is_archived:
        raise KnowledgeError(_("This CoP is archived: its knowledge is read-only."))
    entry.published_at = timezone.now() if published else None
    entry.published_by = actor if published else None
    entry.save(update_fields=["published_at", "published_by", "updated_at"])
    return True


@transaction.atomic
def set_program_sharing(*, actor: User, community: Community, shared: bool) -> bool:
    """The CoP publishes its entries to its program, or stops. Returns whether it changed."""
    if not shared:
        deleted, _rows = ProgramSharing.objects.filter(community=community).delete()
        return bool(deleted)
    if community.program_id is None:
        raise KnowledgeError(_("This CoP belongs to no program."))
    _row, created = ProgramSharing.objects.get_or_create(
        community=community, defaults={"chosen_by": actor}
    )
    return created

"""Reads of the toolkit, shaped for its pages: each runs a fixed number of queries however many
resources, tags and featured items there are (tests/toolkit/test_queries.py)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from communities.models import Community, Post, Program, Tag, Thread
from toolkit.models import FeaturedResource, PromptThread, Resource, ResourceTally, ResourceUse

FEATURED_LIMIT = 12
LATEST_REPLIES = 3


def in_toolkit_of(community: Community) -> Q:
    """The CoP's own resources and, for a CoP of a program, the program's."""
    scope = Q(community=community)
    if community.program_id is not None:
        scope |= Q(program_id=community.program_id)
    return scope


def _shaped(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    return resources.select_related("author", "program").prefetch_related(
        Prefetch("tags", queryset=Tag.objects.order_by("name"), to_attr="tag_list")
    )


@dataclass(frozen=True)
class ToolkitFilters:
    kind: str = ""
    tag: str = ""
    scope: str = ""  # "" (all), "cop" or "program"
    text: str = ""


def toolkit_resources(*, community: Community, filters: ToolkitFilters) -> QuerySet[Resource]:
    """The CoP's live resources as its toolkit lists them: filtered, newest first, each marked
    whether the CoP features it."""
    resources = Resource.objects.filter(in_toolkit_of(community), retired_at__isnull=True)
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.tag:
        resources = resources.filter(tags__slug=filters.tag)
    if filters.scope == "cop":
        resources = resources.filter(community=community)
    elif filters.scope == "program":
        resources = resources.filter(program__isnull=False)
    if filters.text:
        resources = resources.filter(
            Q(title__icontains=filters.text) | Q(description__icontains=filters.text)
        )
    featured = FeaturedResource.objects.filter(community=community, resource=OuterRef("pk"))
    return _shaped(resources.annotate(is_featured=Exists(featured))).order_by("-created_at", "-pk")


def featured_resources(*, community: Community, limit: int = FEATURED_LIMIT) -> list[Resource]:
    """The CoP's featured strip: live resources it may see, most recently featured first."""
    features = (
        FeaturedResource.objects.filter(community=community, resource__retired_at__isnull=True)
        .filter(resource__in=Resource.objects.filter(in_toolkit_of(community)))
        .order_by("-featured_at", "-pk")
        .values("resource_id")[:limit]
    )
    order = {pk: position for position, pk in enumerate(r["resource_id"] for r in features)}
    resources = list(_shaped(Resource.objects.filter(pk__in=order)))
    return sorted(resources, key=lambda resource: order[resource.pk])


def newest_resources(*, community: Community, limit: int) -> list[Resource]:
    resources = Resource.objects.filter(in_toolkit_of(community), retired_at__isnull=True)
    return list(_shaped(resources).order_by("-created_at", "-pk")[:limit])


def tags_in_toolkit(*, community: Community) -> QuerySet[Tag]:
    """The tags the CoP's live resources carry, for the tag filter."""
    live = Resource.objects.filter(in_toolkit_of(community), retired_at__isnull=True)
    return Tag.objects.filter(resources__in=live).distinct().order_by("name")


def resource_in(*, community: Community, pk: int) -> Resource:
    """A resource of the CoP's toolkit, retired ones too (their links keep working); any
    other id, another CoP's resource included, is not found."""
    resource = (
        _shaped(Resource.objects.filter(in_toolkit_of(community), pk=pk))
        .annotate(
            is_featured=Exists(
                FeaturedResource.objects.filter(community=community, resource=OuterRef("pk"))
            )
        )
        .first()
    )
    if resource is None:
        raise Http404
    if resource.community_id == community.pk:
        # The CoP is at hand: its permissions need not load it again.
        resource.community = community
    return resource


def program_resource(*, program: Program, pk: int) -> Resource:
    resource = _shaped(Resource.objects.filter(program=program, pk=pk)).first()
    if resource is None:
        raise Http404
    return resource


def program_resources(*, program: Program) -> QuerySet[Resource]:
    """The program's own resources, retired ones last."""
    return _shaped(Resource.objects.filter(program=program)).order_by(
        "retired_at", "-created_at", "-pk"
    )


def tally_of(*, resource: Resource, community: Community) -> ResourceTally:
    """Its figures in this CoP (zeros when nothing was counted yet)."""
    return ResourceTally.objects.filter(resource=resource, community=community).first() or (
        ResourceTally(resource=resource, community=community)
    )


def used_by(*, resource: Resource, user) -> bool:
    return (
        user.is_authenticated and ResourceUse.objects.filter(resource=resource, user=user).exists()
    )


def prompt_thread_of(*, resource: Resource, community: Community) -> PromptThread | None:
    return (
        PromptThread.objects.filter(resource=resource, community=community)
        .select_related("thread__author")
        .first()
    )


def latest_prompt_replies(*, thread: Thread, limit: int = LATEST_REPLIES) -> list[Post]:
    """The newest replies a reader of the thread sees (not deleted, not hidden), oldest first;
    none when moderators hid the thread."""
    if thread.is_hidden:
        return []
    replies = (
        Post.objects.filter(thread=thread, deleted_at__isnull=True, is_hidden=False)
        .select_related("author")
        .order_by("-created_at", "-pk")[:limit]
    )
    return list(reversed(replies))

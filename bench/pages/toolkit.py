"""The toolkit (issue 13): a CoP's toolkit, plain and filtered, and a resource page, spread over
the CoPs that have resources; every other one seen by the CoP's facilitator."""

from bench.pages.common import Targets, facilitator_of_each_cop, spread, viewer
from communities.models import Community, Membership, Program
from toolkit.models import Resource

# The list as people use it: mostly the first page, sometimes filtered or paged on.
TOOLKIT_QUERIES = ("", "", "?kind=template", "?page=2", "?q=practice")
KNOWLEDGE_QUERIES = ("", "?kind=lesson", "?page=2")


def toolkit() -> Targets:
    facilitators = facilitator_of_each_cop()
    cops = list(
        Community.objects.filter(resources__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", "pk")
    )
    return [
        (
            f"/cops/{slug}/toolkit/{TOOLKIT_QUERIES[n % len(TOOLKIT_QUERIES)]}",
            viewer(pk, n, facilitators),
        )
        for n, (slug, pk) in enumerate(spread(cops))
    ]


def resource() -> Targets:
    facilitators = facilitator_of_each_cop()
    rows = list(
        Resource.objects.filter(community__isnull=False, retired_at=None)
        .order_by("pk")
        .values_list("pk", "community__slug", "community_id")
    )
    return [
        (f"/cops/{slug}/toolkit/{pk}/", viewer(community, n, facilitators))
        for n, (pk, slug, community) in enumerate(spread(rows))
    ]


def body_of_knowledge() -> Targets:
    """A program's body of knowledge, read by its TTA leaders and by members of its CoPs,
    sometimes filtered by kind or paged on."""
    slugs = dict(
        Program.objects.filter(communities__knowledge_entries__isnull=False)
        .distinct()
        .values_list("pk", "slug")
    )
    leaders = Program.leaders.through.objects.filter(program_id__in=slugs).values_list(
        "program_id", "user_id"
    )
    members = Membership.objects.filter(community__program_id__in=slugs).values_list(
        "community__program_id", "user_id"
    )
    readers = spread(list(leaders.order_by("program_id", "user_id").distinct())) + spread(
        list(members.order_by("community__program_id", "user_id").distinct())
    )
    return [
        (f"/programs/{slugs[program]}/knowledge/{KNOWLEDGE_QUERIES[n % 3]}", person)
        for n, (program, person) in enumerate(spread(readers))
    ]

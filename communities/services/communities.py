"""Creating and running a community of practice."""

from itertools import count

from django.db import IntegrityError, transaction

from communities.access import forget_access
from communities.models import Community, Membership, MembershipRole, Role, Stage, User
from communities.services.fields import assign_fields

COMMUNITY_FIELDS = (
    "name",
    "slug",
    "domain",
    "purpose",
    "description",
    "visibility",
    "join_policy",
    "formation_mode",
    "meeting_cadence",
    "program",
)


# Paths under /cops/ that a CoP's address must not shadow.
RESERVED_SLUGS = {"new"}
SLUG_MAX_LENGTH = 80
# Two people creating the same address at the same moment: the loser tries the next free one.
SLUG_ATTEMPTS = 3


def free_slug(*, wanted: str, community: Community | None = None) -> str:
    """`wanted`, or `wanted-2`, `-3`, … if another CoP holds it. Never an error: "this address is
    taken" would tell anyone that a private CoP they cannot see exists under that name."""
    stem = wanted[: SLUG_MAX_LENGTH - 10]  # room for any suffix; one query finds every rival
    rivals = Community.objects.filter(slug__startswith=stem)
    if community is not None:
        rivals = rivals.exclude(pk=community.pk)
    held = set(rivals.values_list("slug", flat=True)) | RESERVED_SLUGS
    for number in count(1):
        suffix = "" if number == 1 else f"-{number}"
        candidate = wanted[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in held:
            return candidate
    raise AssertionError("unreachable")  # count() never ends


@transaction.atomic
def create_community(*, actor: User, slug: str, **fields) -> Community:
    """Create a CoP under the first free address near `slug`; its creator becomes its first
    facilitator."""
    if set(fields) - set(COMMUNITY_FIELDS):
        raise TypeError(f"Not community settings: {sorted(set(fields) - set(COMMUNITY_FIELDS))}")
    for attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                community = Community.objects.create(
                    stage=Stage.FORMING, slug=free_slug(wanted=slug), **fields
                )
            break
        except IntegrityError:
            if attempt == SLUG_ATTEMPTS - 1:
                raise
    membership = Membership.objects.create(community=community, user=actor)
    MembershipRole.objects.create(membership=membership, role=Role.FACILITATOR)
    forget_access(actor)
    return community


@transaction.atomic
def update_community(*, actor: User, community: Community, **fields) -> Community:
    if "slug" in fields:
        fields["slug"] = free_slug(wanted=fields["slug"], community=community)
    assign_fields(community, fields, allowed=COMMUNITY_FIELDS)
    return community


@transaction.atomic
def change_stage(*, actor: User, community: Community, stage: str) -> Community:
    community.stage = Stage(stage)
    community.save(update_fields=["stage"])
    return community

"""Creating and running a community of practice."""

from django.db import transaction

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


@transaction.atomic
def create_community(*, actor: User, **fields) -> Community:
    """Create a CoP; its creator becomes its first facilitator."""
    if set(fields) - set(COMMUNITY_FIELDS):
        raise TypeError(f"Not community settings: {sorted(set(fields) - set(COMMUNITY_FIELDS))}")
    community = Community.objects.create(stage=Stage.FORMING, **fields)
    membership = Membership.objects.create(community=community, user=actor)
    MembershipRole.objects.create(membership=membership, role=Role.FACILITATOR)
    forget_access(actor)
    return community


@transaction.atomic
def update_community(*, actor: User, community: Community, **fields) -> Community:
    assign_fields(community, fields, allowed=COMMUNITY_FIELDS)
    return community


@transaction.atomic
def change_stage(*, actor: User, community: Community, stage: str) -> Community:
    community.stage = Stage(stage)
    community.save(update_fields=["stage"])
    return community

import datetime as dt

from communities.models import Role
from oversight.schedule import sync_checkin_schedule
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory


def program_cop(
    *,
    started_on: dt.date,
    provider_zone="Asia/Tokyo",
    facilitator_zones=("America/Chicago",),
    **fields,
):
    """A program CoP with a provider and facilitators in the given zones, its plan armed on
    `started_on` (every two weeks). Returns (community, facilitators, provider, leader)."""
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory()
    program.leaders.add(leader)
    provider = UserFactory(timezone=provider_zone)
    community = CommunityFactory(program=program, provider=provider, **fields)
    facilitators = [
        MembershipFactory(
            community=community, user=UserFactory(timezone=zone), roles=[Role.FACILITATOR]
        ).user
        for zone in facilitator_zones
    ]
    sync_checkin_schedule(community=community, today=started_on)
    return community, facilitators, provider, leader

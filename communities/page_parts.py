"""What `communities` adds to the home page beyond one's memberships: the CoPs a TTA provider or
leader supports, grouped by program. A provider is often a member of none of them, and their
home page must not stop at "You are not a member of a community"."""

from itertools import groupby

from communities.access import access_of
from communities.selectors import supported_communities
from cop_platform.page_parts import HomeSection, register_home_section


def supported_for(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    communities = supported_communities(user=user)
    leads = user.is_tta_leader or bool(access_of(user).led_program_ids)
    # Only a leader has an empty state worth showing: a person who supports no CoP and leads
    # nothing is not a TTA provider here (a provider is whoever a program assigns to a CoP).
    if not communities and not leads:
        return None
    groups = [
        (program, list(members))
        for program, members in groupby(communities, key=lambda community: community.program)
    ]
    return {"groups": groups, "leads": leads}


def register_communities_page_parts() -> None:
    register_home_section(
        HomeSection(
            "communities.supported",
            "communities/partials/home-supported.html",
            supported_for,
            order=5,
        )
    )

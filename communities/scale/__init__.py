"""Communities' part of the scale data (`manage.py seed_scale`), registered in
`CommunitiesConfig.ready()`: people, CoPs and memberships, discussions, pings, notifications.

Later apps register their own scale seeders after these (orders above 50) and find the people,
the CoPs with their members and the threads in `run.shared`.
"""

from communities.scale.communities import ScaleCommunity, seed_communities
from communities.scale.discussions import seed_discussions
from communities.scale.notifications import seed_notifications
from communities.scale.people import email_of, seed_people
from communities.scale.pings import seed_pings
from cop_platform.scale import register_scale_seeder

__all__ = ["ScaleCommunity", "email_of", "register_communities_scale"]


def register_communities_scale() -> None:
    register_scale_seeder("communities.people", seed_people, order=10)
    register_scale_seeder("communities.communities", seed_communities, order=20)
    register_scale_seeder("communities.discussions", seed_discussions, order=30)
    register_scale_seeder("communities.pings", seed_pings, order=40)
    register_scale_seeder("communities.notifications", seed_notifications, order=50)

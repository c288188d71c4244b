"""Demo people, program, communities, discussions and pings (SPEC §10).

Each concern has its own module; later capabilities add theirs and a step to seed_all().
"""

from django.db import transaction

from communities.demo.communities import seed_communities
from communities.demo.discussions import seed_discussions
from communities.demo.people import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from communities.demo.pings import seed_pings
from communities.models import Community

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_PEOPLE",
    "seed_all",
    "seed_communities",
    "seed_discussions",
    "seed_people",
    "seed_pings",
]


@transaction.atomic
def seed_all() -> list[Community]:
    """Seed every part of the demo in order; a re-run changes nothing. Returns the CoPs, which
    `seed_demo` lists after the accounts."""
    people = seed_people()
    communities = seed_communities(people)
    by_email = {person.email: person for person in people}
    by_slug = {community.slug: community for community in communities}
    seed_discussions(by_slug, by_email)
    seed_pings(by_slug, by_email)
    return communities

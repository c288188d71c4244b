"""Communities' part of the demo (SPEC §10): people, the program and its CoPs, discussions and
pings, each in its own module and registered as a seeder in `CommunitiesConfig.ready()`.

Later apps register their own seeders (e.g. `meetings/demo.py`) after these: they find the
people by email and the CoPs by slug in the `DemoData` these leave behind.
"""

from communities.demo.communities import seed_communities
from communities.demo.discussions import seed_discussions
from communities.demo.people import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from communities.demo.pings import seed_pings
from cop_platform.demo import DemoData, register_demo_seeder

__all__ = ["DEMO_PASSWORD", "DEMO_PEOPLE", "register_communities_demo"]


def _people(data: DemoData) -> list[str]:
    data.people.update({person.email: person for person in seed_people()})
    lines = ["Log in with any of:"]
    lines += [f"  {email:<26} {role}" for email, _name, _job, role in DEMO_PEOPLE]
    return [*lines, f"Password for every demo account: {DEMO_PASSWORD}"]


def _communities(data: DemoData) -> list[str]:
    communities = seed_communities(list(data.people.values()))
    data.communities.update({community.slug: community for community in communities})
    lines = ["Communities of practice:"]
    for community in communities:
        program = community.program.name if community.program else "no program"
        lines.append(
            f"  {community.slug:<30} {community.visibility}, {community.join_policy}, "
            f"{community.stage} ({program})"
        )
    return lines


def _discussions(data: DemoData) -> None:
    seed_discussions(data.communities, data.people)


def _pings(data: DemoData) -> None:
    seed_pings(data.communities, data.people)


def register_communities_demo() -> None:
    # Orders leave room: later apps' seeders take 100 and above.
    register_demo_seeder("communities.people", _people, order=10)
    register_demo_seeder("communities.communities", _communities, order=20)
    register_demo_seeder("communities.discussions", _discussions, order=30)
    register_demo_seeder("communities.pings", _pings, order=40)

"""Scale programs and CoPs, and who belongs where.

CoP sizes follow a power law (a few large CoPs, many small ones) and a person belongs to a few
CoPs, so one person's home page lists several and the largest CoP has thousands of members.
"""

import datetime as dt
import itertools
from dataclasses import dataclass, field

from communities.models import JoinPolicy, Role, Stage, Visibility
from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY

PROGRAMS_AT_FACTOR_ONE = 2
COMMUNITIES_AT_FACTOR_ONE = 50
MEMBERSHIPS_AT_FACTOR_ONE = 20_300
PENDING_REQUESTS_AT_FACTOR_ONE = 400
# A CoP's share of joins falls with its popularity rank r as 1/(r + 3)^0.9.
POPULARITY_OFFSET = 3
POPULARITY_EXPONENT = 0.9
# The first members of each CoP hold its working roles, in this order.
FIRST_MEMBERS_ROLES = (Role.FACILITATOR, Role.DISCUSSION_MODERATOR, Role.MEMBERSHIP_MANAGER)


@dataclass
class ScaleCommunity:
    """What later seeders need of a CoP: its id, slug, privacy, program and members."""

    id: int
    slug: str
    private: bool
    program_id: int | None
    join_policy: str
    members: list[int] = field(default_factory=list)

    @property
    def facilitator(self) -> int:
        return self.members[0]

    @property
    def moderator(self) -> int:
        return self.members[min(1, len(self.members) - 1)]


def seed_communities(run: ScaleRun) -> None:
    programs = _seed_programs(run)
    communities = _seed_cops(run, programs)
    _assign_members(run, communities)
    _seed_memberships(run, communities)
    _seed_join_requests(run, communities)
    run.shared["programs"] = programs
    run.shared["communities"] = communities


def _seed_programs(run: ScaleRun) -> list[int]:
    count = run.scaled(PROGRAMS_AT_FACTOR_ONE)
    first = next_id("communities_program")
    ids = list(range(first, first + count))
    run.copy(
        "communities_program",
        ("id", "name", "slug", "description", "created_at"),
        (
            (pk, f"Program {pk}", f"program-{pk}", VOCABULARY.sentence(run.rng, 20) + ".", run.now)
            for pk in ids
        ),
    )
    leaders = run.shared["tta_leaders"]
    run.copy(
        "communities_program_leaders",
        ("program_id", "user_id"),
        sorted(
            {
                (pk, leaders[(number + k) % len(leaders)])
                for number, pk in enumerate(ids)
                for k in (0, 1)
            }
        ),
    )
    return ids


def _seed_cops(run: ScaleRun, programs: list[int]) -> list[ScaleCommunity]:
    count = run.scaled(COMMUNITIES_AT_FACTOR_ONE, minimum=8)
    first = next_id("communities_community")
    rng = run.rng
    communities = []
    rows = []
    for number, pk in enumerate(range(first, first + count)):
        private = number % 4 == 3
        # Three in five CoPs belong to a program.
        program = programs[number % len(programs)] if number % 5 < 3 else None
        if private:
            policy = JoinPolicy.INVITATION if number % 8 == 7 else JoinPolicy.APPROVAL
        else:
            policy = (JoinPolicy.OPEN, JoinPolicy.APPROVAL)[number % 2]
        cop = ScaleCommunity(pk, f"cop-{pk}", private, program, policy)
        communities.append(cop)
        name = " ".join(VOCABULARY.words_for(rng, 3)).title()
        created = run.now - dt.timedelta(days=rng.randrange(30, 3 * 365))
        rows.append(
            (
                pk,
                f"{name} {pk}",
                cop.slug,
                VOCABULARY.sentence(rng, 8),
                VOCABULARY.sentence(rng, 25) + ".",
                VOCABULARY.sentence(rng, 60) + ".",
                Visibility.PRIVATE if private else Visibility.PUBLIC,
                policy,
                "self_selected",
                Stage.ACTIVE if number % 10 else Stage.SUSTAINING,
                "monthly",
                created,
                rng.choice(run.shared["people"]) if program else None,
                program,
            )
        )
    run.copy(
        "communities_community",
        [
            "id",
            "name",
            "slug",
            "domain",
            "purpose",
            "description",
            "visibility",
            "join_policy",
            "formation_mode",
            "stage",
            "meeting_cadence",
            "created_at",
            "provider_id",
            "program_id",
        ],
        rows,
    )
    return communities


def _assign_members(run: ScaleRun, communities: list[ScaleCommunity]) -> None:
    """Everyone joins one CoP, and the remaining joins go to people picked at random (so a person
    is in one to a handful); which CoP follows its popularity."""
    rng = run.rng
    people = run.shared["people"]
    ranks = list(range(len(communities)))
    rng.shuffle(ranks)
    weights = [1 / (rank + POPULARITY_OFFSET) ** POPULARITY_EXPONENT for rank in ranks]
    cum_weights = list(itertools.accumulate(weights))
    indexes = range(len(communities))
    joins = dict.fromkeys(people, 1)
    most = len(communities)
    extra = max(0, run.scaled(MEMBERSHIPS_AT_FACTOR_ONE) - len(people))
    extra = min(extra, len(people) * (most - 1))
    while extra:
        person = rng.choice(people)
        if joins[person] < most:
            joins[person] += 1
            extra -= 1
    for person, count in joins.items():
        chosen: set[int] = set()
        while len(chosen) < count:
            chosen.add(rng.choices(indexes, cum_weights=cum_weights)[0])
        for index in chosen:
            communities[index].members.append(person)
    for cop in communities:
        if not cop.members:
            cop.members.append(rng.choice(people))
        rng.shuffle(cop.members)


def _seed_memberships(run: ScaleRun, communities: list[ScaleCommunity]) -> None:
    rng = run.rng
    first = next_id("communities_membership")
    memberships = []
    roles = []
    for cop in communities:
        for position, person in enumerate(cop.members):
            pk = first + len(memberships)
            joined = run.now - dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            memberships.append((pk, joined, cop.id, person))
            if position < len(FIRST_MEMBERS_ROLES):
                roles.append((FIRST_MEMBERS_ROLES[position], pk))
    run.copy("communities_membership", ("id", "joined_at", "community_id", "user_id"), memberships)
    run.copy("communities_membershiprole", ("role", "membership_id"), roles)


def _seed_join_requests(run: ScaleRun, communities: list[ScaleCommunity]) -> None:
    rng = run.rng
    asking = [cop for cop in communities if cop.join_policy == JoinPolicy.APPROVAL]
    wanted = run.scaled(PENDING_REQUESTS_AT_FACTOR_ONE)
    members = {cop.id: set(cop.members) for cop in asking}
    requests: set[tuple[int, int]] = set()
    for _ in range(wanted * 2):
        if len(requests) >= wanted or not asking:
            break
        cop = rng.choice(asking)
        person = rng.choice(run.shared["people"])
        if person not in members[cop.id]:
            requests.add((cop.id, person))
    run.copy(
        "communities_joinrequest",
        ("message", "status", "created_at", "community_id", "user_id"),
        (
            (VOCABULARY.sentence(rng, 12) + ".", "pending", run.now, cop, person)
            for cop, person in sorted(requests)
        ),
    )

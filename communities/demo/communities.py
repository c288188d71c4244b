"""The demo program, its CoPs, who holds which role, and a join request waiting (SPEC §10)."""

import datetime as dt

from django.db import transaction

from communities.models import (
    Cadence,
    Community,
    FormationMode,
    JoinPolicy,
    JoinRequest,
    Membership,
    MembershipRole,
    Program,
    Role,
    Stage,
    User,
    Visibility,
)

DEMO_PROGRAM = {
    "slug": "2024-cop-series",
    "name": "2024 CoP Series",
    "description": (
        "A two-year series of communities of practice for behavioral health workforce teams. "
        "Each CoP meets regularly, shares what works and turns it into resources others can use."
    ),
    "starts_on": dt.date(2024, 1, 15),
    "ends_on": dt.date(2025, 12, 19),
}
PROGRAM_LEADER = "leader@example.org"
PROGRAM_PROVIDER = "provider@example.org"
FACILITATOR = "facilitator@example.org"

# Program CoPs cover every join policy and every lifecycle stage, so each page has an example.
DEMO_COMMUNITIES = [
    {
        "slug": "recovery-leaders",
        "name": "Recovery Leaders",
        "domain": "Leading recovery-oriented services",
        "purpose": (
            "Give directors of recovery services a confidential place to work through "
            "staffing, funding and quality questions with peers who face the same ones."
        ),
        "description": (
            "Directors and senior managers of recovery community organizations and treatment "
            "programs. Members bring a current challenge each month; the group works it "
            "through and records what it learned."
        ),
        "visibility": Visibility.PRIVATE,
        "join_policy": JoinPolicy.APPROVAL,
        "formation_mode": FormationMode.PRE_ASSIGNED,
        "stage": Stage.ACTIVE,
        "meeting_cadence": Cadence.MONTHLY,
    },
    {
        "slug": "peer-support-supervisors",
        "name": "Peer Support Supervisors",
        "domain": "Supervising peer support workers",
        "purpose": (
            "Strengthen supervision that respects the peer role: reflective practice, "
            "boundaries, and career paths for peer specialists."
        ),
        "description": (
            "Supervisors of certified peer specialists and recovery coaches share supervision "
            "tools, discuss hard cases without identifying anyone, and compare job descriptions."
        ),
        "join_policy": JoinPolicy.OPEN,
        "stage": Stage.ACTIVE,
        "meeting_cadence": Cadence.BIWEEKLY,
    },
    {
        "slug": "data-informed-practice",
        "name": "Data-Informed Practice",
        "domain": "Using outcome data in everyday practice",
        "purpose": (
            "Help programs pick a few meaningful measures, collect them without extra burden "
            "and use them in team meetings."
        ),
        "description": (
            "A new community for program managers and evaluators. The first meetings agree on "
            "the questions the group wants to answer together."
        ),
        "join_policy": JoinPolicy.OPEN,
        "stage": Stage.FORMING,
        "meeting_cadence": Cadence.MONTHLY,
    },
    {
        "slug": "rural-outreach",
        "name": "Rural Outreach",
        "domain": "Reaching people in rural and frontier areas",
        "purpose": (
            "Share approaches that work where distances are long and services are few: "
            "telehealth, mobile teams, partnerships with faith and farm organizations."
        ),
        "description": (
            "Outreach coordinators from rural counties. The group has produced a toolkit and "
            "now meets quarterly to keep it current."
        ),
        "join_policy": JoinPolicy.INVITATION,
        "formation_mode": FormationMode.PRE_ASSIGNED,
        "stage": Stage.SUSTAINING,
        "meeting_cadence": Cadence.QUARTERLY,
    },
    {
        "slug": "family-engagement",
        "name": "Family Engagement",
        "domain": "Engaging families in treatment and recovery",
        "purpose": (
            "Collect practical ways to involve families and other supporters, with the "
            "consent of the person in care."
        ),
        "description": (
            "Clinicians and family peer advocates. The community is winding down and is "
            "gathering its lessons into a final guide."
        ),
        "join_policy": JoinPolicy.APPROVAL,
        "stage": Stage.WINDING_DOWN,
        "meeting_cadence": Cadence.MONTHLY,
    },
    {
        "slug": "youth-transition-network-2023",
        "name": "Youth Transition Network 2023",
        "domain": "Supporting young people moving from youth to adult services",
        "purpose": "Smooth the hand-over between youth and adult systems of care.",
        "description": (
            "The 2023 cohort of this network. Its discussions and resources stay available to read."
        ),
        "join_policy": JoinPolicy.OPEN,
        "stage": Stage.ARCHIVED,
        "meeting_cadence": Cadence.AS_NEEDED,
    },
]

# A CoP outside any program, as people start them themselves.
STANDALONE_COMMUNITIES = [
    {
        "slug": "harm-reduction-practitioners",
        "name": "Harm Reduction Practitioners",
        "domain": "Harm reduction in community settings",
        "purpose": (
            "Share practice on naloxone distribution, drug checking and low-barrier services."
        ),
        "description": (
            "Outreach workers, nurses and program staff who practice harm reduction. Anyone "
            "working in the field is welcome."
        ),
        "join_policy": JoinPolicy.OPEN,
        "stage": Stage.ACTIVE,
        "meeting_cadence": Cadence.WEEKLY,
    },
]

# slug → {email: roles}; the facilitator account facilitates every CoP on top of these.
# outsider@, leader@, provider@ and staff@ belong to no CoP: the demo needs people who don't.
DEMO_MEMBERS = {
    "recovery-leaders": {
        "manager@example.org": [Role.MEMBERSHIP_MANAGER],
        "moderator@example.org": [Role.DISCUSSION_MODERATOR],
        "editor@example.org": [Role.KNOWLEDGE_EDITOR],
        "archivist@example.org": [Role.ARCHIVIST],
        "analyst@example.org": [Role.USAGE_ANALYST],
        "broker@example.org": [Role.KNOWLEDGE_BROKER],
        "member@example.org": [],
    },
    "peer-support-supervisors": {
        "moderator@example.org": [Role.DISCUSSION_MODERATOR],
        "manager@example.org": [],
        "member@example.org": [],
    },
    "data-informed-practice": {
        "analyst@example.org": [Role.USAGE_ANALYST],
        "member@example.org": [],
    },
    "rural-outreach": {
        "broker@example.org": [Role.KNOWLEDGE_BROKER],
        "editor@example.org": [Role.KNOWLEDGE_EDITOR],
    },
    "family-engagement": {
        "manager@example.org": [Role.MEMBERSHIP_MANAGER],
        "member@example.org": [],
    },
    "youth-transition-network-2023": {
        "archivist@example.org": [Role.ARCHIVIST],
        "member@example.org": [],
    },
    "harm-reduction-practitioners": {
        "moderator@example.org": [Role.DISCUSSION_MODERATOR],
        "member@example.org": [],
    },
}

# (slug, email, message): requests waiting in a manager's queue.
DEMO_JOIN_REQUESTS = [
    (
        "family-engagement",
        "outsider@example.org",
        "I counsel families in a school-based program and would like to learn from this group.",
    ),
]


@transaction.atomic
def seed_communities(people: list[User]) -> list[Community]:
    """Create or refresh the demo program, CoPs, roles and requests; a re-run changes nothing."""
    by_email = {person.email: person for person in people}
    program = _seed_program(by_email[PROGRAM_LEADER])
    communities = [
        _seed_community(fields, program=program, provider=by_email[PROGRAM_PROVIDER])
        for fields in DEMO_COMMUNITIES
    ]
    communities += [
        _seed_community(fields, program=None, provider=None) for fields in STANDALONE_COMMUNITIES
    ]
    for community in communities:
        _seed_membership(community, by_email[FACILITATOR], [Role.FACILITATOR])
        for email, roles in DEMO_MEMBERS.get(community.slug, {}).items():
            _seed_membership(community, by_email[email], roles)
    by_slug = {community.slug: community for community in communities}
    for slug, email, message in DEMO_JOIN_REQUESTS:
        _seed_join_request(by_slug[slug], by_email[email], message)
    return communities


def _seed_program(leader: User) -> Program:
    fields = dict(DEMO_PROGRAM)
    program, _created = Program.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)
    program.leaders.add(leader)
    return program


def _seed_community(fields: dict, *, program: Program | None, provider: User | None) -> Community:
    defaults = {
        "visibility": Visibility.PUBLIC,
        "formation_mode": FormationMode.SELF_SELECTED,
        **{name: value for name, value in fields.items() if name != "slug"},
        "program": program,
        "provider": provider,
    }
    community, _created = Community.objects.update_or_create(slug=fields["slug"], defaults=defaults)
    return community


def _seed_membership(community: Community, user: User, roles: list[str]) -> None:
    # Straight to the models rather than join_community(): the demo sets up a known state and
    # must not depend on who may join what.
    membership, _created = Membership.objects.get_or_create(community=community, user=user)
    for role in roles:
        MembershipRole.objects.get_or_create(membership=membership, role=role)


def _seed_join_request(community: Community, user: User, message: str) -> None:
    # Any earlier request counts: once someone decides the demo request in the dev database,
    # a re-run must not ask again. Not request_to_join(), which would email the managers.
    if not JoinRequest.objects.filter(community=community, user=user).exists():
        JoinRequest.objects.create(community=community, user=user, message=message)

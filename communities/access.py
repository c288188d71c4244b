"""What the viewer holds, loaded once per request and cached on the user object.

Every permission question about communities reads this, so a page with fifty buttons asks the
database twice, not fifty times. Services that change memberships call `forget_access()`.
"""

from dataclasses import dataclass, field

from communities.models import Membership, Program

_CACHE_ATTRIBUTE = "_community_access"


@dataclass(frozen=True)
class ViewerAccess:
    # community id → the roles held there ("member" for a plain membership)
    roles: dict[int, frozenset[str]] = field(default_factory=dict)
    led_program_ids: frozenset[int] = frozenset()

    def is_member(self, community_id: int) -> bool:
        return community_id in self.roles

    def has_role(self, community_id: int, role: str) -> bool:
        return role in self.roles.get(community_id, ())


NOBODY = ViewerAccess()


def access_of(user) -> ViewerAccess:
    if user is None or not user.is_authenticated:
        return NOBODY
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        rows = Membership.objects.filter(user=user).values_list("community_id", "roles__role")
        for community_id, role in rows:
            held = roles.setdefault(community_id, {"member"})
            if role:
                held.add(role)
        led = frozenset(Program.objects.filter(leaders=user).values_list("pk", flat=True))
        cached = ViewerAccess(
            roles={cid: frozenset(held) for cid, held in roles.items()}, led_program_ids=led
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_access(user) -> None:
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def load_access_of_many(users) -> None:
    """Load what each of many people holds in two queries, cached as `access_of` would: a
    fan-out asks `can()` of every recipient and must not ask the database twice per person."""
    people = {user.pk: user for user in users if getattr(user, _CACHE_ATTRIBUTE, None) is None}
    if not people:
        return
    roles: dict[int, dict[int, set[str]]] = {pk: {} for pk in people}
    rows = Membership.objects.filter(user_id__in=people).values_list(
        "user_id", "community_id", "roles__role"
    )
    for user_id, community_id, role in rows:
        held = roles[user_id].setdefault(community_id, {"member"})
        if role:
            held.add(role)
    led: dict[int, set[int]] = {pk: set() for pk in people}
    for user_id, program_id in Program.leaders.through.objects.filter(
        user_id__in=people
    ).values_list("user_id", "program_id"):
        led[user_id].add(program_id)
    for pk, user in people.items():
        access = ViewerAccess(
            roles={cid: frozenset(held) for cid, held in roles[pk].items()},
            led_program_ids=frozenset(led[pk]),
        )
        setattr(user, _CACHE_ATTRIBUTE, access)

"""The charter as its page reads it: a fixed number of queries however many goals, notes and
roles it has."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from communities.models import Community, Membership
from meetings.models import Charter, CharterRole, Goal, GoalNote


def charter_of(*, community: Community) -> Charter | None:
    """The CoP's charter with its roles; a role's holder counts only while they are a member
    (`role.held`), so someone who left leaves the role unfilled."""
    still_member = Membership.objects.filter(community=community, user=OuterRef("holder"))
    roles = (
        CharterRole.objects.select_related("holder")
        .annotate(held=Exists(still_member))
        .order_by("position", "pk")
    )
    return (
        Charter.objects.filter(community=community)
        .prefetch_related(Prefetch("roles", queryset=roles))
        .first()
    )


def charter_goals(*, community: Community) -> QuerySet[Goal]:
    """The CoP's goals in order, each with its notes newest first (`goal.notes_newest`)."""
    notes = GoalNote.objects.select_related("author").order_by("-dated", "-pk")
    return (
        Goal.objects.filter(community=community)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("notes", queryset=notes, to_attr="notes_newest"))
    )


def charter_gaps(*, charter: Charter | None, community: Community) -> list[str]:
    """What a charter still needs before it is published, as the facilitator should read it."""
    gaps = []
    if charter is None or not charter.potential.strip():
        gaps.append(_("Describe the team's potential (step 1)."))
    if not Goal.objects.filter(community=community).exists():
        gaps.append(_("Name at least one goal with how success will be known (step 2)."))
    return gaps

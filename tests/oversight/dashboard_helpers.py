"""A program with its TTA leader, and CoPs whose health rows the tests write directly (the
worker that computes them is tested on its own)."""

import datetime as dt

from django.utils import timezone

from communities.models import Program, User
from oversight.models import CommunityHealth, HealthFlag
from tests.factories import CommunityFactory, ProgramFactory, UserFactory


def led_program() -> tuple[Program, User]:
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory()
    program.leaders.add(leader)
    return program, leader


def health(community, **figures) -> CommunityHealth:
    figures.setdefault("computed_at", timezone.now())
    figures.setdefault("flag", HealthFlag.HEALTHY)
    return CommunityHealth.objects.create(community=community, **figures)


def cop(program, *, provider=None, name=None, **figures):
    """A CoP of the program; with `figures`, its health row too."""
    fields = {"program": program, "provider": provider}
    if name is not None:
        fields["name"] = name
    community = CommunityFactory(**fields)
    if figures:
        health(community, **figures)
    return community


def at_risk_figures(days_ago: int = 3) -> dict:
    """A CoP whose last check-in said at risk: the flag and the reason the worker would store."""
    return {
        "flag": HealthFlag.AT_RISK,
        "reasons": ["checkin_at_risk"],
        "last_checkin_on": timezone.localdate() - dt.timedelta(days=days_ago),
        "last_checkin_status": "at_risk",
    }

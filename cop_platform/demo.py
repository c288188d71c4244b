"""The demo data of SPEC §10, assembled from what each app registers.

Each app owns its seeder (communities' people, CoPs, discussions and pings; `meetings/demo.py`
later) and registers it in its `AppConfig.ready()` with an order, so the apps that come first
never import the ones built on them. `manage.py seed_demo` runs every seeder in order, in one
transaction. A seeder must be idempotent: running the demo twice changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction


@dataclass
class DemoData:
    """What seeders leave for the ones after them: people by email, CoPs by slug, and anything
    else under a name of the seeder's choosing."""

    people: dict[str, Any] = field(default_factory=dict)
    communities: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


# A seeder adds its part of the demo and returns lines for `seed_demo` to print (or nothing).
DemoSeeder = Callable[[DemoData], list[str] | None]


@dataclass(frozen=True)
class _Registered:
    order: int
    name: str
    seeder: DemoSeeder


_SEEDERS: dict[str, _Registered] = {}


def register_demo_seeder(name: str, seeder: DemoSeeder, *, order: int) -> None:
    """Register `seeder` to run at `order` (lower first). Registering the same seeder again
    is harmless; another seeder under a taken name is a mistake and raises."""
    registered = _Registered(order, name, seeder)
    if name in _SEEDERS and _SEEDERS[name] != registered:
        raise ValueError(f"Demo seeder {name!r} is already registered differently")
    _SEEDERS[name] = registered


def unregister_demo_seeder(name: str) -> None:
    _SEEDERS.pop(name, None)


def demo_seeders() -> list[str]:
    """The registered seeders' names, in the order they run."""
    return [entry.name for entry in sorted(_SEEDERS.values(), key=lambda e: (e.order, e.name))]


@transaction.atomic
def seed_demo() -> list[str]:
    """Run every registered seeder in order; returns the lines they asked to print."""
    data = DemoData()
    lines: list[str] = []
    for name in demo_seeders():
        lines += _SEEDERS[name].seeder(data) or []
    return lines

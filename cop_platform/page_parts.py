"""The parts of shared pages that apps contribute: panels on a CoP's page and on a program's
page, sections of a member's home page, and items of the main navigation.

`communities` assembles these pages without knowing who registered what; each app registers
its parts in its `AppConfig.ready()` (discussions: the latest threads and open pings; meetings,
toolkit and oversight theirs when they land). A panel or section is a partial template and a
selector: the selector runs its own bounded query and returns the partial's context, or None
when there is nothing to show this viewer (no permission, or nothing worth a box). Each part
is rendered with its own context (and the request's), so parts never see each other's names.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# selector(request, community) / selector(request) -> context for the partial, or None to hide.
CommunitySelector = Callable[[Any, Any], dict | None]
HomeSelector = Callable[[Any], dict | None]


@dataclass(frozen=True)
class CommunityPanel:
    name: str
    template: str
    selector: CommunitySelector
    order: int = 100
    # "main" beside the CoP's purpose, or "aside" with its facts.
    column: str = "main"


@dataclass(frozen=True)
class ProgramPanel:
    """A panel on a program's page: selector(request, program) -> context, or None to hide."""

    name: str
    template: str
    selector: CommunitySelector
    order: int = 100


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    selector: HomeSelector
    order: int = 100


@dataclass(frozen=True)
class NavBadge:
    """A count beside a nav item, and what a screen reader hears for it ("3 open reports")."""

    count: int
    label: str


@dataclass(frozen=True)
class NavItem:
    name: str
    label: str
    url_name: str
    order: int = 100
    login_required: bool = True
    # Who sees the item beyond login (e.g. TTA leaders only); must not query the database.
    shown_to: Callable[[Any], bool] | None = None
    # badge(user) -> NavBadge or None: one bounded query, run once per page that shows the nav.
    badge: Callable[[Any], NavBadge | None] | None = None
    # Shown only while its badge has something to count (e.g. reports waiting for moderators).
    only_with_badge: bool = False


@dataclass(frozen=True)
class NavEntry:
    """A nav item as one viewer gets it: the item's label and link, and its badge if any."""

    item: NavItem
    badge: NavBadge | None = None

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def url_name(self) -> str:
        return self.item.url_name


@dataclass(frozen=True)
class RenderedPart:
    name: str
    html: SafeString
    column: str = "main"


_PANELS: dict[str, CommunityPanel] = {}
_SECTIONS: dict[str, HomeSection] = {}
_PROGRAM_PANELS: dict[str, ProgramPanel] = {}
_NAV: dict[str, NavItem] = {}


def _register(registry: dict, part) -> None:
    if part.name in registry and registry[part.name] != part:
        raise ValueError(f"{part.name!r} is already registered differently")
    registry[part.name] = part


def register_community_panel(panel: CommunityPanel) -> None:
    _register(_PANELS, panel)


def register_program_panel(panel: ProgramPanel) -> None:
    _register(_PROGRAM_PANELS, panel)


def register_home_section(section: HomeSection) -> None:
    _register(_SECTIONS, section)


def register_nav_item(item: NavItem) -> None:
    _register(_NAV, item)


def unregister(name: str) -> None:
    """Forget a part by name, in every registry (tests register parts of their own)."""
    for registry in (_PANELS, _PROGRAM_PANELS, _SECTIONS, _NAV):
        registry.pop(name, None)


def _ordered(registry: dict) -> list:
    return sorted(registry.values(), key=lambda part: (part.order, part.name))


def community_panels(request, community) -> list[RenderedPart]:
    """The panels this viewer gets on this CoP's page, in order."""
    return _rendered(_PANELS, request, community)


def program_panels(request, program) -> list[RenderedPart]:
    """The panels this viewer gets on this program's page, in order."""
    return _rendered(_PROGRAM_PANELS, request, program)


def home_sections(request) -> list[RenderedPart]:
    return _rendered(_SECTIONS, request)


def _rendered(registry: dict, request, *selector_args) -> list[RenderedPart]:
    parts = []
    for part in _ordered(registry):
        context = part.selector(request, *selector_args)
        if context is not None:
            # render_to_string escapes the part's values; the result is the partial's HTML.
            html = mark_safe(render_to_string(part.template, context, request=request))  # noqa: S308
            parts.append(RenderedPart(part.name, html, getattr(part, "column", "main")))
    return parts


def nav_items(user) -> list[NavItem]:
    return [
        item
        for item in _ordered(_NAV)
        if (user.is_authenticated or not item.login_required)
        and (item.shown_to is None or item.shown_to(user))
    ]


def nav_entries(user) -> list[NavEntry]:
    """`nav_items` with their badges counted, leaving out items that show only with one."""
    entries = []
    for item in nav_items(user):
        badge = item.badge(user) if item.badge is not None else None
        if badge is None and item.only_with_badge:
            continue
        entries.append(NavEntry(item, badge))
    return entries

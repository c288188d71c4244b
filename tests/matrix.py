"""The permission matrix's shared parts: the personas, the shape of one app's entries, and how
the entries of every app are found and merged. The tests themselves are in
`tests/test_permission_matrix.py`; each app's entries are in `tests/<app>/matrix.py`.

Merging refuses, loudly, anything that would make a cell ambiguous or silently untested: a URL
name two apps declare, an entry an excluded prefix would hide, a persona nobody plays, and a
target name two apps build.
"""

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from communities.models import Role

# Every persona holds a membership in both CoPs of the world; a plain "member" wrote the targets.
MEMBER_PERSONAS = ("member", *Role.values)
PERSONAS = ("anonymous", "outsider", "staff", *MEMBER_PERSONAS, "provider", "program_leader")
SIGNED_IN = tuple(persona for persona in PERSONAS if persona != "anonymous")
# Site-wide pages are tried by people with no relation to a CoP, and by a TTA leader.
SITE_PERSONAS = ("anonymous", "outsider", "staff", "program_leader")


class MatrixError(Exception):
    """Two apps' entries contradict each other, or an entry names something that is not there."""


@dataclass(frozen=True)
class Spec:
    capability: str | None  # None: any logged-in person (or anyone, with login=False)
    methods: tuple[str, ...] = ("GET",)
    # community | program | site | self | person | token (a signed emailed link that needs no
    # login: its target names the token build_targets signed for the "member" persona)
    scope: str = "community"
    login: bool = True
    data: dict = field(default_factory=dict)
    # Which built target fills <pk> ("thread"); a mapping fills several URL arguments
    # ({"pk": "thread", "post_pk": "post"}). Program URLs may name "community_slug".
    target: str | Mapping[str, str] = ""
    # Program URLs: the capability a persona needs to know the object exists at all; without it
    # the URL is not found (a program's convenings are for those it invites).
    seen_with: str = ""


def _no_targets(*_args) -> dict[str, int]:
    return {}


@dataclass(frozen=True)
class AppMatrix:
    """One app's part of the matrix; `tests/<app>/matrix.py` binds it to the name `MATRIX`."""

    urls: Mapping[str, Spec] = field(default_factory=dict)
    # URL names (or name prefixes) with rules of their own, each with where they are tested.
    excluded: Mapping[str, str] = field(default_factory=dict)
    # Per persona: what it may do in a CoP where it holds its relation (SPEC §1).
    capabilities: Mapping[str, Iterable[str]] = field(default_factory=dict)
    # What a public CoP lets everyone do, and what it adds for anyone signed in.
    public_to_anyone: Iterable[str] = ()
    public_to_signed_in: Iterable[str] = ()
    # Per persona: what it may do on site-wide pages, and on the world's program.
    site_capabilities: Mapping[str, Iterable[str]] = field(default_factory=dict)
    program_capabilities: Mapping[str, Iterable[str]] = field(default_factory=dict)
    # build_targets(community, people) creates the app's objects in one CoP: {name: pk}.
    build_targets: Callable[..., dict[str, int]] = _no_targets
    # personal_targets(owner) creates objects that belong to one person: {name: pk}.
    personal_targets: Callable[..., dict[str, int]] = _no_targets


def discover(package: str = "tests") -> dict[str, AppMatrix]:
    """`MATRIX` of every `<package>/<app>/matrix.py`, by app folder, in name order."""
    root = Path(importlib.import_module(package).__path__[0])
    found = {}
    for path in sorted(root.glob("*/matrix.py")):
        module_name = f"{package}.{path.parent.name}.matrix"
        matrix = getattr(importlib.import_module(module_name), "MATRIX", None)
        if not isinstance(matrix, AppMatrix):
            raise MatrixError(f"{module_name} must define MATRIX = AppMatrix(...)")
        found[path.parent.name] = matrix
    return found


def _merge_unique(parts: Mapping[str, Mapping], what: str) -> dict:
    """Join {app: {name: value}} into {name: value}; a name from two apps is a conflict."""
    merged, owner = {}, {}
    for app, named in parts.items():
        for name, value in named.items():
            if name in merged:
                raise MatrixError(
                    f"The {what} {name!r} is declared by both {owner[name]} and {app}"
                )
            merged[name], owner[name] = value, app
    return merged


def _merge_personas(apps: Mapping[str, AppMatrix], attribute: str) -> dict[str, frozenset[str]]:
    merged: dict[str, set[str]] = {}
    for app, matrix in apps.items():
        for persona, held in getattr(matrix, attribute).items():
            if persona not in PERSONAS:
                raise MatrixError(f"{app} gives {attribute} to {persona!r}, not a persona")
            merged.setdefault(persona, set()).update(held)
    return {persona: frozenset(held) for persona, held in merged.items()}


def _merge_builders(builders: Mapping[str, Callable[..., dict[str, int]]]) -> Callable:
    def build_all(*args) -> dict[str, int]:
        return _merge_unique({app: build(*args) for app, build in builders.items()}, "target")

    return build_all


def merge(apps: Mapping[str, AppMatrix]) -> AppMatrix:
    """One matrix from every app's entries; raises `MatrixError` where they collide."""
    urls = _merge_unique({app: m.urls for app, m in apps.items()}, "URL")
    excluded = _merge_unique({app: m.excluded for app, m in apps.items()}, "exclusion")
    hidden = sorted(name for name in urls if is_excluded(name, excluded))
    if hidden:
        raise MatrixError(f"These URLs have entries but are excluded too: {hidden}")
    return AppMatrix(
        urls=urls,
        excluded=excluded,
        capabilities=_merge_personas(apps, "capabilities"),
        public_to_anyone=frozenset().union(*(m.public_to_anyone for m in apps.values())),
        public_to_signed_in=frozenset().union(*(m.public_to_signed_in for m in apps.values())),
        site_capabilities=_merge_personas(apps, "site_capabilities"),
        program_capabilities=_merge_personas(apps, "program_capabilities"),
        build_targets=_merge_builders({app: m.build_targets for app, m in apps.items()}),
        personal_targets=_merge_builders({app: m.personal_targets for app, m in apps.items()}),
    )


def is_excluded(name: str, excluded: Iterable[str]) -> bool:
    return any(name == prefix or name.startswith(prefix) for prefix in excluded)


def unlisted_urls(url_names: Iterable[str], matrix: AppMatrix) -> list[str]:
    """Resolver URL names that no app's matrix covers, neither by an entry nor an exclusion."""
    return sorted(
        name
        for name in url_names
        if name not in matrix.urls and not is_excluded(name, matrix.excluded)
    )


def url_names(patterns=None, namespace="") -> set[str]:
    """Every named URL pattern the resolver knows, with its namespaces ("communities:join")."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names

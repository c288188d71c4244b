"""Imports point one way (STYLE.md): communities never imports the apps built on it, and
cop_platform imports no app, so each later app plugs in from its own folder."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LATER_APPS = ("meetings", "toolkit", "oversight")


def imported_modules(folder: str) -> dict[str, set[str]]:
    found = {}
    for path in (ROOT / folder).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{path} imports {name}"
        for path, names in imported_modules(folder).items()
        for name in names
        if name.split(".")[0] in forbidden
    )


def test_communities_imports_no_later_app():
    assert offenders("communities", LATER_APPS) == []


@pytest.mark.parametrize("app", ["communities", *LATER_APPS])
def test_cop_platform_code_imports_no_app_but_through_registries(app):
    # Management commands and URL/settings wiring may name apps; the library modules may not.
    wiring = {"cop_platform/urls.py", "cop_platform/celery.py"}
    found = [line for line in offenders("cop_platform", (app,)) if line.split()[0] not in wiring]
    assert found == []

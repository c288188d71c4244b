"""How apps plug into the permission matrix: discovery of `tests/<app>/matrix.py` and the merge
of their entries (`tests/matrix.py`). The matrix itself runs in `test_permission_matrix.py`."""

import sys
import uuid

import pytest

from tests.communities.matrix import MATRIX as COMMUNITIES
from tests.matrix import MEMBER_PERSONAS, AppMatrix, MatrixError, Spec, discover, merge
from tests.matrix import unlisted_urls as unlisted

# What a later app would write in tests/meetings/matrix.py.
MEETINGS = AppMatrix(
    urls={"meetings:rsvp": Spec("meeting.rsvp", ("POST",), target="meeting")},
    capabilities={persona: {"meeting.rsvp"} for persona in MEMBER_PERSONAS},
    build_targets=lambda community, people: {"meeting": 7},
)


@pytest.fixture
def tests_package(tmp_path, monkeypatch):
    """An empty stand-in for the tests folder, importable under a name of its own."""
    name = f"matrix_seam_{uuid.uuid4().hex[:8]}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name, tmp_path / name
    for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
        del sys.modules[module]


def add_app(package_dir, app: str, source: str) -> None:
    (package_dir / app).mkdir()
    (package_dir / app / "matrix.py").write_text(source)


def test_discover_finds_each_app_matrix_module_when_apps_add_their_own(tests_package):
    name, folder = tests_package
    entry = "from tests.matrix import AppMatrix, Spec\nMATRIX = AppMatrix(urls={%r: Spec(None)})\n"
    add_app(folder, "toolkit", entry % "toolkit:list")
    add_app(folder, "meetings", entry % "meetings:list")
    (folder / "e2e").mkdir()  # a folder without entries is no app of the matrix

    found = discover(name)

    assert list(found) == ["meetings", "toolkit"]
    assert set(merge(found).urls) == {"meetings:list", "toolkit:list"}


def test_discover_refuses_a_matrix_module_when_it_binds_no_matrix(tests_package):
    name, folder = tests_package
    add_app(folder, "meetings", "URLS = {}\n")

    with pytest.raises(MatrixError, match="must define MATRIX"):
        discover(name)


def test_merge_refuses_a_url_when_two_apps_declare_it():
    toolkit = AppMatrix(urls={"meetings:rsvp": Spec(None)})

    with pytest.raises(MatrixError, match="'meetings:rsvp' is declared by both meetings and"):
        merge({"meetings": MEETINGS, "toolkit": toolkit})


def test_merge_refuses_an_entry_when_an_exclusion_hides_it():
    meetings = AppMatrix(urls=MEETINGS.urls, excluded={"meetings:": "ICS feeds, signed tokens"})

    with pytest.raises(MatrixError, match="excluded too"):
        merge({"communities": COMMUNITIES, "meetings": meetings})


def test_merge_refuses_capabilities_when_the_persona_does_not_exist():
    typo = AppMatrix(capabilities={"facilitater": {"meeting.edit"}})

    with pytest.raises(MatrixError, match="'facilitater', not a persona"):
        merge({"meetings": typo})


def test_targets_are_refused_when_two_apps_build_the_same_name():
    toolkit = AppMatrix(build_targets=lambda community, people: {"meeting": 8})
    merged = merge({"meetings": MEETINGS, "toolkit": toolkit})

    with pytest.raises(MatrixError, match="target 'meeting' is declared by both"):
        merged.build_targets(None, {})


def test_a_later_app_adds_urls_capabilities_and_targets_beside_communities():
    communities = AppMatrix(
        urls=COMMUNITIES.urls,
        capabilities=COMMUNITIES.capabilities,
        build_targets=lambda community, people: {"thread": 1},
    )
    merged = merge({"communities": communities, "meetings": MEETINGS})

    assert merged.urls == COMMUNITIES.urls | MEETINGS.urls
    assert {"discussion.read", "meeting.rsvp"} <= merged.capabilities["member"]
    assert "meeting.rsvp" not in merged.capabilities["outsider"]
    assert merged.build_targets("a CoP", {}) == {"thread": 1, "meeting": 7}


def test_a_url_fails_the_matrix_when_no_app_covers_it():
    merged = merge({"communities": COMMUNITIES})
    names = {"communities:join", "admin:index", "account_login", "meetings:rsvp"}

    assert unlisted(names, merged) == ["meetings:rsvp"]
    assert unlisted(names, merge({"communities": COMMUNITIES, "meetings": MEETINGS})) == []

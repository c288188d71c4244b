"""The CoP page, the home page and the navigation are assembled from what apps register:
communities shows each part without knowing who registered it, and each part decides for
itself what this viewer may see."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Ping, Visibility
from cop_platform.page_parts import (
    CommunityPanel,
    HomeSection,
    NavItem,
    ProgramPanel,
    register_community_panel,
    register_home_section,
    register_nav_item,
    register_program_panel,
    unregister,
)
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    ProgramFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_cop_with_leader():
    """A private CoP of a program, its member, and the program's TTA leader."""
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory()
    program.leaders.add(leader)
    community = CommunityFactory(visibility=Visibility.PRIVATE, program=program)
    member = MembershipFactory(community=community).user
    return community, member, leader


@pytest.fixture
def later_app_parts(tmp_path, settings):
    """A later app's panel, home section and nav item, registered the way its ready() would."""
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "panel.html").write_text("<p>Later panel for {{ name }}</p>")
    (tmp_path / "later" / "section.html").write_text("<p>Later section for {{ who }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]

    def panel(request, community):
        return {"name": community.name} if community.name.startswith("Shown") else None

    register_community_panel(CommunityPanel("later.panel", "later/panel.html", panel, order=5))
    register_home_section(
        HomeSection("later.section", "later/section.html", lambda r: {"who": r.user.name})
    )
    register_nav_item(
        NavItem("later.nav", "Dashboards", "search", shown_to=lambda user: user.is_tta_leader)
    )
    yield
    for name in ("later.panel", "later.section", "later.nav"):
        unregister(name)


def test_cop_page_shows_a_later_apps_panel_when_its_selector_answers(client, later_app_parts):
    shown = MembershipFactory(community__name="Shown circle")
    hidden = MembershipFactory(community__name="Quiet circle")
    client.force_login(shown.user)

    page = client.get(shown.community.get_absolute_url()).content.decode()
    other = client.get(hidden.community.get_absolute_url()).content.decode()

    assert "Later panel for Shown circle" in page
    assert "Later panel" not in other


def test_program_page_shows_a_later_apps_panel_when_its_selector_answers(
    client, tmp_path, settings
):
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "program.html").write_text("<p>Later program panel for {{ name }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]

    def panel(request, program):
        return {"name": program.name} if program.name.startswith("Shown") else None

    register_program_panel(ProgramPanel("later.program", "later/program.html", panel))
    try:
        shown, hidden = ProgramFactory(name="Shown series"), ProgramFactory(name="Quiet series")
        client.force_login(UserFactory())
        page = client.get(shown.get_absolute_url()).content.decode()
        other = client.get(hidden.get_absolute_url()).content.decode()
    finally:
        unregister("later.program")

    assert "Later program panel for Shown series" in page
    assert "Later program panel" not in other


def test_home_shows_a_later_apps_section_when_registered(client, later_app_parts):
    person = UserFactory(name="River Stone")
    client.force_login(person)

    assert "Later section for River Stone" in client.get(reverse("home")).content.decode()


def test_nav_shows_a_later_apps_item_only_to_whom_it_says(client, later_app_parts):
    leader, member = UserFactory(is_tta_leader=True), UserFactory()

    client.force_login(leader)
    assert ">Dashboards</a>" in client.get(reverse("home")).content.decode()
    client.force_login(member)
    assert ">Dashboards</a>" not in client.get(reverse("home")).content.decode()


def test_nav_lists_communities_items_with_the_current_page_marked(client):
    client.force_login(UserFactory())

    html = client.get(reverse("communities:directory")).content.decode()

    assert f'href="{reverse("home")}">Home</a>' in html
    assert f'href="{reverse("communities:directory")}" aria-current="page">Directory</a>' in html
    assert f'href="{reverse("communities:program_list")}">Programs</a>' in html


def test_programs_item_is_not_in_the_nav_when_logged_out(client):
    html = client.get(reverse("home")).content.decode()

    assert "Directory</a>" in html
    assert "Programs</a>" not in html


def test_cop_page_shows_latest_threads_to_a_member_when_there_are_some(
    client, private_cop_with_leader
):
    community, member, _leader = private_cop_with_leader
    ThreadFactory(community=community, title="Supervision across two sites")
    client.force_login(member)

    html = client.get(community.get_absolute_url()).content.decode()

    assert "Latest discussions" in html
    assert "Supervision across two sites" in html


def test_cop_page_hides_threads_from_the_programs_leader_when_not_a_member(
    client, private_cop_with_leader
):
    # SPEC §1: a program's TTA leaders see the CoP's page, not its threads.
    community, _member, leader = private_cop_with_leader
    ThreadFactory(community=community, title="Supervision across two sites")
    client.force_login(leader)

    response = client.get(community.get_absolute_url())

    assert response.status_code == 200
    assert "Supervision across two sites" not in response.content.decode()
    assert "Latest discussions" not in response.content.decode()


def test_cop_page_shows_open_pings_to_a_member_when_one_is_open(client, private_cop_with_leader):
    community, member, _leader = private_cop_with_leader
    Ping.objects.create(
        community=community,
        question="Which day suits the next meeting?",
        choices=["Tuesday", "Thursday"],
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    client.force_login(member)

    html = client.get(community.get_absolute_url()).content.decode()

    assert "Which day suits the next meeting?" in html


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_cop_page_queries_stay_flat_when_threads_and_pings_grow(client, private_cop_with_leader):
    community, member, _leader = private_cop_with_leader
    client.force_login(member)

    def add(count):
        for _ in range(count):
            ThreadFactory(community=community)
            Ping.objects.create(
                community=community,
                question="Still on for Thursday?",
                choices=["Yes", "No"],
                closes_at=timezone.now() + dt.timedelta(days=1),
            )

    add(1)
    few = page_queries(client, community.get_absolute_url())
    add(10)
    many = page_queries(client, community.get_absolute_url())

    assert many == few
    html = client.get(community.get_absolute_url()).content.decode()
    assert html.count("Still on for Thursday?") == 5  # the panel's limit

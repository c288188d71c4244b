import re

import pytest
from django.urls import reverse

from communities.models import Program, Role, Visibility
from communities.selectors import programs_for
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return UserFactory(is_tta_leader=True)


def test_a_tta_leader_creates_a_program_and_leads_it(client, leader):
    client.force_login(leader)

    response = client.post(
        reverse("communities:program_create"),
        {"name": "2024 CoP Series", "slug": "", "starts_on": "2024-01-15", "ends_on": "2025-06-30"},
        follow=True,
    )

    program = Program.objects.get()
    assert program.slug == "2024-cop-series"
    assert list(program.leaders.all()) == [leader]
    assert "Program created." in response.content.decode()


def test_only_tta_leaders_create_programs(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(reverse("communities:program_create"), {"name": "Mine"})

    assert response.status_code == 403
    assert not Program.objects.exists()


def test_a_program_cannot_end_before_it_starts(client, leader):
    client.force_login(leader)

    response = client.post(
        reverse("communities:program_create"),
        {"name": "Backwards", "starts_on": "2025-01-01", "ends_on": "2024-01-01"},
    )

    assert "cannot end before it starts" in response.content.decode()
    assert not Program.objects.exists()


def test_the_program_page_lists_its_cops_but_hides_private_ones_from_outsiders(client, leader):
    program = ProgramFactory()
    program.leaders.add(leader)
    CommunityFactory(name="Open Circle", program=program)
    CommunityFactory(name="Closed Circle", program=program, visibility=Visibility.PRIVATE)
    url = reverse("communities:program_detail", args=[program.slug])

    client.force_login(leader)
    as_leader = client.get(url).content.decode()
    client.force_login(UserFactory())
    as_outsider = client.get(url).content.decode()

    assert "Open Circle" in as_leader
    assert "Closed Circle" in as_leader
    assert "Open Circle" in as_outsider
    assert "Closed Circle" not in as_outsider


def test_a_leader_adds_a_stand_alone_cop_and_assigns_its_provider(client, leader):
    program = ProgramFactory()
    program.leaders.add(leader)
    community = CommunityFactory(visibility=Visibility.PRIVATE)
    MembershipFactory(community=community, user=leader, roles=[Role.FACILITATOR])
    provider = UserFactory(email="provider.test@example.org")
    client.force_login(leader)

    client.post(
        reverse("communities:program_add_community", args=[program.slug]),
        {"community": community.slug},
    )
    client.post(
        reverse("communities:program_assign_provider", args=[program.slug, community.slug]),
        {f"provider-{community.pk}-email": "Provider.Test@example.org"},
    )

    community.refresh_from_db()
    assert (community.program, community.provider) == (program, provider)
    client.force_login(provider)
    assert client.get(community.get_absolute_url()).status_code == 200
    assert client.get(reverse("communities:members", args=[community.slug])).status_code == 200


def test_a_cop_of_another_program_cannot_be_taken_over(client, leader):
    program = ProgramFactory()
    program.leaders.add(leader)
    other = CommunityFactory(program=ProgramFactory())
    client.force_login(leader)

    response = client.post(
        reverse("communities:program_add_community", args=[program.slug]),
        {"community": other.slug},
        follow=True,
    )

    assert "not in a program yet" in response.content.decode()
    other.refresh_from_db()
    assert other.program != program


def test_adding_a_leader_needs_an_existing_account(client, leader):
    program = ProgramFactory()
    program.leaders.add(leader)
    colleague = UserFactory(email="colleague@example.org")
    client.force_login(leader)
    url = reverse("communities:program_add_leader", args=[program.slug])

    missing = client.post(url, {"leader-email": "nobody@example.org"}, follow=True)
    client.post(url, {"leader-email": "colleague@example.org"})

    assert "Nobody with that address has an account yet." in missing.content.decode()
    assert set(program.leaders.all()) == {leader, colleague}


def test_a_leader_cannot_pull_in_someone_elses_stand_alone_cop(client, leader):
    program = ProgramFactory()
    program.leaders.add(leader)
    community = CommunityFactory()  # public, stand-alone, facilitated by someone else
    client.force_login(leader)

    client.post(
        reverse("communities:program_add_community", args=[program.slug]),
        {"community": community.slug},
    )

    community.refresh_from_db()
    assert community.program is None


def community_count(html: str, program: str) -> str:
    """The "N communities" line of one program's row on the programs list."""
    row = re.search(rf">{program}</a>.*?(\d+ communit(?:y|ies))", html, flags=re.DOTALL)
    return row.group(1)


def test_the_programs_list_counts_only_the_cops_the_viewer_may_know_of(client, leader):
    program = ProgramFactory(name="Counted Series")
    program.leaders.add(leader)
    CommunityFactory(program=program)
    private = CommunityFactory(program=program, visibility=Visibility.PRIVATE)
    CommunityFactory(program=program, visibility=Visibility.PRIVATE)
    member = MembershipFactory(community=private).user
    provider = UserFactory()
    CommunityFactory(program=program, visibility=Visibility.PRIVATE, provider=provider)
    url = reverse("communities:program_list")

    seen = {}
    for name, viewer in [
        ("outsider", UserFactory()),
        ("member", member),
        ("provider", provider),
        ("leader", leader),
    ]:
        client.force_login(viewer)
        seen[name] = community_count(client.get(url).content.decode(), "Counted Series")

    assert seen == {
        "outsider": "1 community",
        "member": "2 communities",
        "provider": "2 communities",
        "leader": "4 communities",
    }


@pytest.mark.parametrize("programs", [1, 12])
def test_the_programs_list_asks_a_fixed_number_of_queries(
    programs, client, django_assert_max_num_queries
):
    viewer = UserFactory()
    for program in ProgramFactory.create_batch(programs):
        CommunityFactory(program=program)
        MembershipFactory(
            user=viewer, community=CommunityFactory(program=program, visibility=Visibility.PRIVATE)
        )
    client.force_login(viewer)

    with django_assert_max_num_queries(7):
        html = client.get(reverse("communities:program_list")).content.decode()

    assert html.count("2 communities") == programs


def test_the_programs_list_puts_the_programs_one_leads_first_then_the_rest_by_name(client):
    viewer = UserFactory()
    for name in ["Cedar", "Alder", "Birch"]:
        ProgramFactory(name=f"{name} series")
    ProgramFactory(name="Yew series").leaders.add(viewer)
    ProgramFactory(name="Oak series").leaders.add(viewer, UserFactory())  # one row, not two
    client.force_login(viewer)

    programs = list(programs_for(user=viewer))
    html = client.get(reverse("communities:program_list")).content.decode()

    assert [(p.name, p.led) for p in programs] == [
        ("Oak series", True),
        ("Yew series", True),
        ("Alder series", False),
        ("Birch series", False),
        ("Cedar series", False),
    ]
    assert html.count("You lead it") == 2

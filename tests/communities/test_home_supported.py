"""A TTA provider's or leader's home page lists the CoPs they support, by program."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.discussions.services import start_thread
from communities.models import Stage, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADING = "Communities you support"


def home(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_provider_who_is_no_member_sees_the_cops_they_support_by_program(client):
    provider = UserFactory()
    program = ProgramFactory(name="2026 CoP Series")
    supported = CommunityFactory(
        name="Rural Health", program=program, provider=provider, stage=Stage.FORMING
    )
    alone = CommunityFactory(name="Stand Alone", provider=provider)
    CommunityFactory(name="Someone Else's", program=program)
    thread = start_thread(
        actor=UserFactory(), community=supported, kind="general", title="Hello", body="Hi"
    )

    html = home(client, provider)

    assert HEADING in html
    assert program.get_absolute_url() in html
    assert f'href="{supported.get_absolute_url()}">Rural Health</a>' in html
    assert "Forming" in html
    assert "TTA provider" in html
    assert f'datetime="{thread.last_activity_at.isoformat()}"' in html
    # Stand-alone CoPs come after the programs, under their own heading.
    assert html.index("2026 CoP Series") < html.index("Not in a program") < html.index(alone.name)
    assert "Someone Else&#x27;s" not in html
    # Not a member anywhere, yet part of these CoPs as their provider.
    assert "not part of a community" not in html
    assert "not a member of a community of practice yet" in html


def test_program_leader_sees_every_cop_of_their_programs_private_ones_too(client):
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory()
    program.leaders.add(leader)
    private = CommunityFactory(name="Closed Circle", program=program, visibility="private")
    CommunityFactory(name="Elsewhere", visibility=Visibility.PRIVATE)

    html = home(client, leader)

    assert private.get_absolute_url() in html
    assert "Elsewhere" not in html
    assert "No discussion yet" in html
    assert "TTA provider" not in html  # they lead its program; someone else provides


def test_leader_who_supports_no_cop_is_told_what_to_do(client):
    leader = UserFactory(is_tta_leader=True)

    html = home(client, leader)

    assert HEADING in html
    assert "No community of practice is in your programs yet." in html
    assert reverse("communities:program_list") in html


def test_plain_member_sees_no_supported_section(client):
    member = MembershipFactory().user

    assert HEADING not in home(client, member)


def test_member_who_is_also_a_provider_sees_both(client):
    person = UserFactory()
    mine = MembershipFactory(user=person, community__name="Where I Belong").community
    supported = CommunityFactory(name="Where I Help", provider=person)

    html = home(client, person)

    assert HEADING in html
    assert mine.get_absolute_url() in html
    assert supported.get_absolute_url() in html


def test_supported_section_queries_stay_flat_as_cops_grow(client):
    provider = UserFactory()
    programs = [ProgramFactory() for _ in range(3)]

    def add(count, start):
        return [
            CommunityFactory(
                name=f"Supported {start + i:02}", provider=provider, program=programs[i % 3]
            ).name
            for i in range(count)
        ]

    names = add(3, 0)
    home(client, provider)
    with CaptureQueriesContext(connection) as few:
        html = home(client, provider)
    assert all(name in html for name in names)

    names += add(27, 3)
    with CaptureQueriesContext(connection) as many:
        html = home(client, provider)

    assert all(name in html for name in names)
    assert len(many) == len(few)

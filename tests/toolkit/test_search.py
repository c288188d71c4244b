"""The toolkit in the site search: resources (title, description, tags) and published knowledge
entries, where the viewer may read them. Retired resources and drafts never appear, and nothing
of a private CoP reaches a non-member, not even a count."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership, User, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.toolkit.factories import ResourceFactory
from tests.toolkit.knowledge_factories import KnowledgeEntryFactory
from toolkit.models import ProgramSharing
from toolkit.search import search_toolkit

pytestmark = pytest.mark.django_db


def results(client, query):
    return client.get(reverse("search"), {"q": query}).content.decode()


def titles(viewer, query):
    return sorted(hit.title for hit in search_toolkit(viewer=viewer, query=query).hits())


def test_resources_are_found_by_title_description_and_tag_with_links(client):
    member = MembershipFactory()
    resource = ResourceFactory(
        community=member.community, title="Intake checklist", description="Triage steps."
    )
    resource.tags.create(name="Telehealth", slug="telehealth")
    client.force_login(member.user)

    for word in ("intake", "triage", "telehealth"):
        html = results(client, word)
        assert "Intake checklist" in html, word
        assert resource.url_in(member.community) in html


def test_published_entries_are_found_and_drafts_never(client):
    member = MembershipFactory()
    entry = KnowledgeEntryFactory(
        community=member.community, title="Warm handoffs", body_html="<p>Call first.</p>"
    )
    KnowledgeEntryFactory(community=member.community, title="Warm draft", published_at=None)
    client.force_login(member.user)

    html = results(client, "warm")

    assert "Warm handoffs" in html and entry.get_absolute_url() in html
    assert "Warm draft" not in html
    assert "1 result" in html


def test_a_retired_resource_never_appears(client):
    member = MembershipFactory()
    ResourceFactory(community=member.community, title="Retired roster", retired_at=timezone.now())
    client.force_login(member.user)

    assert "Nothing matches" in results(client, "roster")


def test_nothing_of_a_private_cop_reaches_a_non_member_not_even_a_count(client):
    private = CommunityFactory(visibility=Visibility.PRIVATE, program=ProgramFactory())
    ResourceFactory(community=private, title="Confidential roster", description="Tuesday")
    KnowledgeEntryFactory(community=private, title="Confidential lesson", body="Tuesday")
    leader = UserFactory(is_tta_leader=True)
    private.program.leaders.add(leader)

    for person in (UserFactory(), leader):
        client.force_login(person)
        for word in ("confidential", "roster", "tuesday"):
            html = results(client, word)
            assert "Confidential" not in html
            assert "Nothing matches" in html
            assert "1 result" not in html


def test_a_former_member_finds_nothing_more(client):
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    ResourceFactory(community=private, title="Roster guide")
    KnowledgeEntryFactory(community=private, title="Roster lesson")
    membership = MembershipFactory(community=private)
    assert titles(membership.user, "roster") == ["Roster guide", "Roster lesson"]

    Membership.objects.filter(pk=membership.pk).delete()

    assert titles(User.objects.get(pk=membership.user_id), "roster") == []


def test_a_private_cops_entries_published_to_the_program_are_found_in_it(client):
    program = ProgramFactory()
    private = CommunityFactory(visibility=Visibility.PRIVATE, program=program)
    KnowledgeEntryFactory(community=private, title="Roster lesson")
    ResourceFactory(community=private, title="Roster guide")
    sibling = MembershipFactory(community=CommunityFactory(program=program)).user
    ProgramSharing.objects.create(community=private)

    # The entries only: its resources stay its members'.
    assert titles(sibling, "roster") == ["Roster lesson"]


def test_a_program_wide_resource_is_found_by_members_of_its_cops_in_their_cop(client):
    program = ProgramFactory()
    member = MembershipFactory(community=CommunityFactory(program=program))
    resource = ResourceFactory(community=None, program=program, title="Program roster")
    client.force_login(member.user)

    html = results(client, "roster")

    assert resource.url_in(member.community) in html
    assert titles(UserFactory(), "roster") == []


def test_a_public_cops_resources_are_found_by_anyone_signed_in_and_nobody_signed_out():
    ResourceFactory(community=CommunityFactory(visibility=Visibility.PUBLIC), title="Open roster")

    assert titles(UserFactory(), "roster") == ["Open roster"]
    assert titles(AnonymousUser(), "roster") == []


@pytest.mark.parametrize("rows", [3, 30])
def test_search_queries_stay_flat(rows, client, django_assert_max_num_queries):
    member = MembershipFactory()
    for number in range(rows):
        ResourceFactory(community=member.community, title=f"Supervision {number}")
        KnowledgeEntryFactory(community=member.community, title=f"Supervision lesson {number}")
    client.force_login(member.user)

    # One query ranks resources and entries together; one loads each kind shown, one finds
    # where program-wide resources open (the other providers', session and user besides).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("search"), {"q": "supervision"})

    assert response.status_code == 200
    assert f"{rows * 2} results" in response.content.decode()


def test_an_entry_found_through_the_program_opens_on_the_programs_page(client):
    program = ProgramFactory()
    private = CommunityFactory(visibility=Visibility.PRIVATE, program=program)
    entry = KnowledgeEntryFactory(community=private, title="Roster lesson")
    ProgramSharing.objects.create(community=private)
    client.force_login(MembershipFactory(community=CommunityFactory(program=program)).user)

    html = results(client, "roster")

    assert reverse("toolkit:program_knowledge_entry", args=[program.slug, entry.pk]) in html
    assert entry.get_absolute_url() not in html


def test_an_entry_is_found_by_its_tag_below_one_that_names_the_word_in_its_title():
    member = MembershipFactory()
    tagged = KnowledgeEntryFactory(community=member.community, title="Warm handoffs", body="Call.")
    tagged.tags.create(name="Telehealth", slug="telehealth")
    KnowledgeEntryFactory(community=member.community, title="Telehealth lessons", body="Video.")

    ranking = search_toolkit(viewer=member.user, query="telehealth")

    assert [hit.title for hit in ranking.hits()] == ["Telehealth lessons", "Warm handoffs"]

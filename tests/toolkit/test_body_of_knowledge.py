"""A program's body of knowledge: the published entries of its CoPs for its TTA leaders and the
members of its CoPs; a private CoP's only to its members, or to everyone there once the CoP
publishes to its program. Filters, pagination, and a bounded number of queries."""

import pytest
from django.urls import reverse

from communities.models import Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.toolkit.knowledge_factories import KnowledgeEntryFactory
from toolkit.models import KnowledgeKind, ProgramSharing

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory()


def page(client, program, **params):
    return client.get(reverse("toolkit:program_knowledge", args=[program.slug]), params)


def leader_of(program):
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    return leader


def test_members_of_its_cops_and_its_leaders_read_it_others_are_refused(client, program):
    public = CommunityFactory(program=program, visibility=Visibility.PUBLIC)
    KnowledgeEntryFactory(community=public, title="Open lesson")
    elsewhere = MembershipFactory(community=CommunityFactory(program=ProgramFactory())).user

    for person in (MembershipFactory(community=public).user, leader_of(program)):
        client.force_login(person)
        assert "Open lesson" in page(client, program).content.decode()
    client.force_login(elsewhere)
    assert page(client, program).status_code == 403
    client.logout()
    assert page(client, program).status_code == 302


def test_a_private_cops_entries_reach_only_its_members_until_it_publishes_to_the_program(
    client, program
):
    private = CommunityFactory(program=program, visibility=Visibility.PRIVATE, name="Quiet CoP")
    KnowledgeEntryFactory(community=private, title="Quiet lesson")
    KnowledgeEntryFactory(community=private, title="Quiet draft", published_at=None)
    sibling_member = MembershipFactory(community=CommunityFactory(program=program)).user
    private_member = MembershipFactory(community=private).user
    leader = leader_of(program)

    for person in (sibling_member, leader):
        client.force_login(person)
        html = page(client, program).content.decode()
        # Not its entry, not its name in the CoP filter, not a count.
        assert "Quiet" not in html
        assert "No published entries yet." in html
    client.force_login(private_member)
    assert "Quiet lesson" in page(client, program).content.decode()

    ProgramSharing.objects.create(community=private)

    for person in (sibling_member, leader, private_member):
        client.force_login(person)
        html = page(client, program).content.decode()
        assert "Quiet lesson" in html and "From Quiet CoP" in html
        assert "Quiet draft" not in html


def test_another_programs_entries_and_drafts_never_appear(client, program):
    member = MembershipFactory(community=CommunityFactory(program=program))
    other = CommunityFactory(program=ProgramFactory(), visibility=Visibility.PUBLIC)
    KnowledgeEntryFactory(community=other, title="Elsewhere lesson")
    KnowledgeEntryFactory(community=member.community, title="Unready", published_at=None)
    client.force_login(member.user)

    html = page(client, program).content.decode()

    assert "Elsewhere lesson" not in html and "Unready" not in html


def test_it_filters_by_kind_and_cop_and_paginates(client, program):
    first = CommunityFactory(program=program, name="First CoP")
    second = CommunityFactory(program=program, name="Second CoP")
    member = MembershipFactory(community=first).user
    MembershipFactory(community=second, user=member)
    KnowledgeEntryFactory(community=first, title="Alpha practice", kind=KnowledgeKind.PRACTICE)
    KnowledgeEntryFactory(community=second, title="Beta innovation", kind=KnowledgeKind.INNOVATION)
    client.force_login(member)

    by_kind = page(client, program, kind="practice").content.decode()
    assert "Alpha practice" in by_kind and "Beta innovation" not in by_kind
    by_cop = page(client, program, cop=str(second.pk)).content.decode()
    assert "Beta innovation" in by_cop and "Alpha practice" not in by_cop
    none = page(client, program, kind="case_study").content.decode()
    assert "Nothing matches these filters." in none
    # A CoP id the viewer may not read is dropped, not a 500 and not a leak.
    assert page(client, program, cop="999999", kind="x", page="z").status_code == 200

    for number in range(20):
        KnowledgeEntryFactory(community=first, title=f"Later {number:02}")
    assert "Alpha practice" not in page(client, program).content.decode()
    assert "Alpha practice" in page(client, program, page=2).content.decode()


@pytest.mark.parametrize("rows", [2, 20])
def test_the_page_keeps_a_bounded_number_of_queries(
    rows, client, program, django_assert_max_num_queries
):
    cops = [CommunityFactory(program=program) for _ in range(3)]
    member = MembershipFactory(community=cops[0]).user
    for cop in cops[1:]:
        ProgramSharing.objects.create(community=cop)
        cop.visibility = Visibility.PRIVATE
        cop.save()
    for number in range(rows):
        entry = KnowledgeEntryFactory(community=cops[number % 3], title=f"Entry {number:02}")
        entry.tags.create(name=f"Tag {number}", slug=f"tag-{number}")
    client.force_login(member)

    with django_assert_max_num_queries(14):
        response = page(client, program)

    html = response.content.decode()
    assert all(f"Entry {number:02}" in html for number in range(min(rows, 20)))


def test_a_private_cops_entry_published_to_the_program_opens_on_the_programs_page(client, program):
    private = CommunityFactory(program=program, visibility=Visibility.PRIVATE, name="Quiet CoP")
    entry = KnowledgeEntryFactory(community=private, title="Quiet lesson")
    ProgramSharing.objects.create(community=private)
    client.force_login(MembershipFactory(community=CommunityFactory(program=program)).user)
    entry_url = reverse("toolkit:program_knowledge_entry", args=[program.slug, entry.pk])

    assert entry_url in page(client, program).content.decode()
    html = client.get(entry_url).content.decode()
    assert "Start every meeting with a check-in." in html and "From Quiet CoP" in html
    assert private.get_absolute_url() not in html  # the CoP itself stays unknown to them
    assert client.get(entry.get_absolute_url()).status_code == 404

    ProgramSharing.objects.all().delete()
    assert client.get(entry_url).status_code == 404


def test_a_draft_or_another_programs_entry_is_not_found_on_the_programs_page(client, program):
    member = MembershipFactory(community=CommunityFactory(program=program))
    draft = KnowledgeEntryFactory(community=member.community, published_at=None)
    elsewhere = KnowledgeEntryFactory(
        community=CommunityFactory(program=ProgramFactory(), visibility=Visibility.PUBLIC)
    )
    client.force_login(member.user)

    for entry in (draft, elsewhere):
        url = reverse("toolkit:program_knowledge_entry", args=[program.slug, entry.pk])
        assert client.get(url).status_code == 404


def test_the_program_page_panel_is_for_those_who_read_the_body_of_knowledge(rf, program):
    from django.template.loader import render_to_string  # noqa: PLC0415

    from toolkit.page_parts import knowledge_program_panel  # noqa: PLC0415

    member = MembershipFactory(community=CommunityFactory(program=program)).user
    for person, shown in ((member, True), (leader_of(program), True), (UserFactory(), False)):
        request = rf.get("/")
        request.user = person
        context = knowledge_program_panel(request, program)
        assert (context is not None) is shown
    html = render_to_string("toolkit/partials/program-knowledge.html", {"program": program})
    assert reverse("toolkit:program_knowledge", args=[program.slug]) in html


def test_the_program_page_leads_its_readers_to_the_body_of_knowledge_and_no_one_else(
    client, program
):
    community = CommunityFactory(program=program, visibility=Visibility.PUBLIC)
    way_in = reverse("toolkit:program_knowledge", args=[program.slug])

    for reader in (MembershipFactory(community=community).user, leader_of(program)):
        client.force_login(reader)
        assert way_in in client.get(program.get_absolute_url()).content.decode()
    # Someone of another program may see the program page, but not its body of knowledge.
    client.force_login(MembershipFactory(community=CommunityFactory(program=ProgramFactory())).user)
    response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    assert way_in not in response.content.decode()

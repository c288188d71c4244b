"""The toolkit page, a resource's page and the CoP page's panel keep a fixed number of queries
with ten times more resources, tags, featured items and threads, and the rows appear."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Role
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.toolkit.factories import ResourceFactory, stored_text_file
from toolkit.services import reply_to_prompt, set_featured, share_resource

pytestmark = pytest.mark.django_db


def toolkit_with(rows: int):
    """A CoP of a program with `rows` resources of its own, `rows` of its program, each with
    two tags, a few featured; and its knowledge editor, who sees every button."""
    program = ProgramFactory()
    community = CommunityFactory(program=program)
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    for n in range(rows):
        for scope in ({"community": community}, {"program": program}):
            resource = share_resource(
                actor=editor,
                kind="link",
                title=f"Guide {n} {'cop' if 'community' in scope else 'tta'}",
                url="https://example.org/g",
                tags=[f"topic {n}", "shared"],
                **scope,
            )
            if n % 3 == 0:
                set_featured(actor=editor, community=community, resource=resource, featured=True)
    return community, editor


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_toolkit_page_queries_stay_flat_when_rows_grow(client):
    counts = []
    for rows in (2, 20):
        community, editor = toolkit_with(rows)
        client.force_login(editor)
        count, page = queries_for(client, reverse("toolkit:list", args=[community.slug]))
        counts.append(count)
        assert f"Guide {rows - 1} cop" in page
        assert f"topic {rows - 1}" in page  # its tags, prefetched
        last_featured = (rows - 1) // 3 * 3
        strip = page[page.index('id="featured"') : page.index('id="everything"')]
        assert f"Guide {last_featured} tta" in strip
    assert counts[0] == counts[1]


def test_resource_page_queries_stay_flat_when_its_thread_and_tags_grow(client):
    counts = []
    for rows in (2, 20):
        resource = ResourceFactory(prompt="How did it go?")
        community = resource.community
        resource.tags.set([])
        for n in range(rows):
            member = MembershipFactory(community=community).user
            reply_to_prompt(actor=member, resource=resource, community=community, body=f"R{n}")
        stored_text_file(resource)
        client.force_login(
            MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
        )
        count, page = queries_for(client, resource.url_in(community))
        counts.append(count)
        assert f"Read the discussion ({rows} posts)" in page
    assert counts[0] == counts[1]


def test_cop_page_panel_queries_stay_flat_when_rows_grow(client):
    counts = []
    for rows in (2, 20):
        community, editor = toolkit_with(rows)
        client.force_login(editor)
        count, page = queries_for(client, community.get_absolute_url())
        counts.append(count)
        assert 'id="cop-toolkit"' in page
        assert f"Guide {rows - 1}" in page  # among the newest
    assert counts[0] == counts[1]


def test_panel_is_not_shown_to_those_who_may_not_read_the_toolkit(client):
    community = CommunityFactory()
    ResourceFactory(community=community, title="Members' guide")

    anonymous = client.get(community.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    signed_in = client.get(community.get_absolute_url()).content.decode()

    assert 'id="cop-toolkit"' not in anonymous
    assert "Members&#x27; guide" in signed_in or "Members' guide" in signed_in


def test_tta_leaders_home_page_leads_to_their_programs_toolkits(client):
    program = ProgramFactory(name="Series")
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    ResourceFactory(community=None, program=program)
    ResourceFactory(community=None, program=ProgramFactory())
    client.force_login(leader)

    page = client.get(reverse("home")).content.decode()

    assert reverse("toolkit:program_list", args=[program.slug]) in page
    assert "1 resource" in page
    client.force_login(UserFactory())
    assert 'id="home-program-toolkits"' not in client.get(reverse("home")).content.decode()


def test_toolkit_page_queries_stay_flat_as_shared_items_grow(client):
    from tests.factories import ThreadFactory  # noqa: PLC0415
    from toolkit.models import SharedItem  # noqa: PLC0415

    counts = []
    for rows in (2, 20):
        community, editor = toolkit_with(1)
        sibling = CommunityFactory(program=community.program, name=f"Sibling {rows}")
        for n in range(rows):
            resource = ResourceFactory(community=sibling, title=f"Lent {n}")
            thread = ThreadFactory(community=sibling, title=f"Talk {n}")
            SharedItem.objects.create(community=community, source=sibling, resource=resource)
            SharedItem.objects.create(community=community, source=sibling, thread=thread)
        client.force_login(editor)
        count, page = queries_for(client, reverse("toolkit:list", args=[community.slug]))
        counts.append(count)
        assert f"Talk {rows - 1}" in page and f"shared from Sibling {rows}" in page
    assert counts[0] == counts[1]


def test_cop_knowledge_page_queries_stay_flat_when_entries_grow(client):
    from tests.toolkit.knowledge_factories import KnowledgeEntryFactory  # noqa: PLC0415

    counts = []
    for rows in (2, 20):
        community = CommunityFactory(program=ProgramFactory())
        editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
        for n in range(rows):
            entry = KnowledgeEntryFactory(community=community, title=f"Entry {n}")
            entry.tags.create(name=f"topic {rows} {n}", slug=f"topic-{rows}-{n}")
            KnowledgeEntryFactory(community=community, title=f"Draft {n}", published_at=None)
        client.force_login(editor)
        count, page = queries_for(client, reverse("toolkit:knowledge", args=[community.slug]))
        counts.append(count)
        assert f"Entry {rows - 1}" in page and f"Draft {rows - 1}" in page
        assert f"topic {rows} {rows - 1}" in page
    assert counts[0] == counts[1]

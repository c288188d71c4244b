"""Knowledge capture: members draft, knowledge editors publish and unpublish (asking first), a
draft is its author's and the editors' only, the CoP's page lists and filters what is
published, and a CoP chooses whether its entries reach its program."""

import pytest
from django.urls import reverse

from communities.models import Role, Stage, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory
from tests.toolkit.knowledge_factories import KnowledgeEntryFactory
from toolkit.models import KnowledgeEntry, KnowledgeKind, ProgramSharing

pytestmark = pytest.mark.django_db


def draft(client, community, **data):
    fields = {"kind": "lesson", "title": "Check in first", "body": "It **works**.", "tags": ""}
    return client.post(reverse("toolkit:knowledge_create", args=[community.slug]), fields | data)


def publish_url(entry):
    return reverse("toolkit:knowledge_publish", args=[entry.community.slug, entry.pk])


def test_a_member_drafts_an_entry_with_sanitised_markdown_and_tags(client):
    member = MembershipFactory()
    client.force_login(member.user)

    response = draft(
        client, member.community, body="It **works**.<script>alert(1)</script>", tags="Data"
    )

    entry = KnowledgeEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == entry.get_absolute_url()
    assert entry.community == member.community and entry.author == member.user
    assert not entry.is_published
    assert "<strong>works</strong>" in entry.body_html
    assert "<script" not in entry.body_html
    assert [tag.name for tag in entry.tags.all()] == ["Data"]


@pytest.mark.parametrize(
    "bad", [{"kind": "rumour"}, {"title": ""}, {"body": ""}, {"body": "x" * 20001}]
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, bad):
    member = MembershipFactory()
    client.force_login(member.user)

    response = draft(client, member.community, **bad)

    assert response.status_code == 422
    assert "invalid-feedback" in response.content.decode()
    assert not KnowledgeEntry.objects.exists()


def test_a_draft_is_seen_by_its_author_and_editors_and_not_found_for_other_members(client):
    community = CommunityFactory()
    entry = KnowledgeEntryFactory(community=community, published_at=None, title="Half-baked")
    MembershipFactory(community=community, user=entry.author)
    other = MembershipFactory(community=community).user
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    list_url = reverse("toolkit:knowledge", args=[community.slug])

    for person, status, listed in (
        (entry.author, 200, True),
        (editor, 200, True),
        (other, 404, False),
    ):
        client.force_login(person)
        assert client.get(entry.get_absolute_url()).status_code == status
        assert ("Half-baked" in client.get(list_url).content.decode()) is listed


def test_a_former_member_no_longer_reads_their_draft(client):
    community = CommunityFactory(visibility=Visibility.PUBLIC)
    entry = KnowledgeEntryFactory(community=community, published_at=None)
    client.force_login(entry.author)

    assert client.get(entry.get_absolute_url()).status_code == 404


def test_an_editor_publishes_after_confirming_and_readers_then_see_it(client):
    community = CommunityFactory()
    entry = KnowledgeEntryFactory(community=community, published_at=None, title="Pair up")
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    client.force_login(editor)

    confirm = client.get(publish_url(entry))
    assert confirm.status_code == 200 and "Publish “Pair up”?" in confirm.content.decode()
    entry.refresh_from_db()
    assert not entry.is_published  # asking changed nothing

    response = client.post(publish_url(entry), {"published": "1"})

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.is_published and entry.published_by == editor
    reader = MembershipFactory(community=community).user
    client.force_login(reader)
    assert (
        "Pair up"
        in client.get(reverse("toolkit:knowledge", args=[community.slug])).content.decode()
    )


def test_unpublishing_makes_it_a_draft_again(client):
    entry = KnowledgeEntryFactory(title="Pair up")
    editor = MembershipFactory(community=entry.community, roles=[Role.KNOWLEDGE_EDITOR]).user
    client.force_login(editor)

    client.post(publish_url(entry), {"published": "0"})

    entry.refresh_from_db()
    assert not entry.is_published and entry.published_by is None


@pytest.mark.parametrize("choice", ["", "yes", "2"])
def test_a_forged_publish_choice_is_refused_and_nothing_changes(client, choice):
    entry = KnowledgeEntryFactory(published_at=None)
    editor = MembershipFactory(community=entry.community, roles=[Role.KNOWLEDGE_EDITOR]).user
    client.force_login(editor)

    response = client.post(publish_url(entry), {"published": choice})

    entry.refresh_from_db()
    assert response.status_code == 400
    assert not entry.is_published


def test_a_plain_member_cannot_publish(client):
    entry = KnowledgeEntryFactory(published_at=None)
    client.force_login(MembershipFactory(community=entry.community).user)

    assert client.post(publish_url(entry), {"published": "1"}).status_code == 403
    entry.refresh_from_db()
    assert not entry.is_published


def test_an_archived_cops_knowledge_is_read_only(client):
    community = CommunityFactory(stage=Stage.ARCHIVED)
    member = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    entry = KnowledgeEntryFactory(community=community, published_at=None)
    client.force_login(member)

    assert draft(client, community).status_code == 403
    assert client.post(publish_url(entry), {"published": "1"}).status_code == 403
    assert KnowledgeEntry.objects.count() == 1


def test_the_knowledge_page_filters_by_kind_paginates_and_has_an_empty_state(client):
    member = MembershipFactory()
    community = member.community
    url = reverse("toolkit:knowledge", args=[community.slug])
    client.force_login(member.user)
    assert "Nothing published yet." in client.get(url).content.decode()

    for number in range(21):
        KnowledgeEntryFactory(community=community, title=f"Lesson {number:02}")
    KnowledgeEntryFactory(community=community, kind=KnowledgeKind.CASE_STUDY, title="Case A")

    first = client.get(url).content.decode()
    # Newest first, twenty a page: the two oldest are on the second.
    assert "Case A" in first and "Lesson 01" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Lesson 00" in second and "Lesson 01" in second and "Case A" not in second
    case_studies = client.get(url, {"kind": "case_study"}).content.decode()
    assert "Case A" in case_studies and "Lesson 20" not in case_studies
    innovations = client.get(url, {"kind": "innovation"}).content.decode()
    assert "No published entries of this kind." in innovations
    assert client.get(url, {"kind": "<script>", "page": "x"}).status_code == 200


def test_an_editor_publishes_the_cops_entries_to_its_program_and_stops(client):
    community = CommunityFactory(program=ProgramFactory(), visibility=Visibility.PRIVATE)
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    client.force_login(editor)
    url = reverse("toolkit:knowledge_sharing", args=[community.slug])

    assert client.post(url, {"share": "1"}).status_code == 302
    assert ProgramSharing.objects.get(community=community).chosen_by == editor

    assert client.post(url, {"share": "0"}).status_code == 302
    assert not ProgramSharing.objects.exists()


def test_the_program_setting_refuses_bad_input_and_plain_members(client):
    community = CommunityFactory(program=ProgramFactory())
    url = reverse("toolkit:knowledge_sharing", args=[community.slug])
    client.force_login(MembershipFactory(community=community).user)
    assert client.post(url, {"share": "1"}).status_code == 403

    client.force_login(MembershipFactory(community=community, roles=[Role.FACILITATOR]).user)
    assert client.post(url, {"share": "maybe"}).status_code == 400
    assert not ProgramSharing.objects.exists()


def test_a_cop_of_no_program_cannot_publish_to_one(client):
    community = CommunityFactory(program=None)
    client.force_login(MembershipFactory(community=community, roles=[Role.FACILITATOR]).user)

    response = client.post(
        reverse("toolkit:knowledge_sharing", args=[community.slug]), {"share": "1"}
    )

    assert response.status_code == 409
    assert not ProgramSharing.objects.exists()


def edit(client, entry, **data):
    fields = {"kind": entry.kind, "title": entry.title, "body": "New **text**", "tags": "Data"}
    url = reverse("toolkit:knowledge_edit", args=[entry.community.slug, entry.pk])
    return client.post(url, fields | data)


def test_the_author_edits_their_draft_and_the_body_is_rendered_again(client):
    entry = KnowledgeEntryFactory(published_at=None)
    MembershipFactory(community=entry.community, user=entry.author)
    client.force_login(entry.author)

    response = edit(client, entry)

    entry.refresh_from_db()
    assert response.status_code == 302
    assert "<strong>text</strong>" in entry.body_html
    assert [tag.name for tag in entry.tags.all()] == ["Data"]


def test_once_published_only_editors_edit_it(client):
    entry = KnowledgeEntryFactory()
    MembershipFactory(community=entry.community, user=entry.author)
    client.force_login(entry.author)
    assert edit(client, entry).status_code == 403

    client.force_login(
        MembershipFactory(community=entry.community, roles=[Role.KNOWLEDGE_EDITOR]).user
    )
    assert edit(client, entry).status_code == 302
    entry.refresh_from_db()
    assert entry.body == "New **text**"


def test_an_edit_with_bad_input_changes_nothing(client):
    entry = KnowledgeEntryFactory(title="Kept")
    client.force_login(
        MembershipFactory(community=entry.community, roles=[Role.KNOWLEDGE_EDITOR]).user
    )

    response = edit(client, entry, title="", kind="rumour")

    entry.refresh_from_db()
    assert response.status_code == 422
    assert entry.title == "Kept" and entry.body != "New **text**"


def test_another_members_draft_is_not_found_for_editing(client):
    entry = KnowledgeEntryFactory(published_at=None)
    client.force_login(MembershipFactory(community=entry.community).user)

    assert edit(client, entry).status_code == 404


def test_an_archived_cops_editor_and_author_still_see_its_drafts(client):
    community = CommunityFactory(stage=Stage.ARCHIVED)
    entry = KnowledgeEntryFactory(community=community, published_at=None, title="Left unfinished")
    MembershipFactory(community=community, user=entry.author)
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    url = reverse("toolkit:knowledge", args=[community.slug])

    for person in (entry.author, editor):
        client.force_login(person)
        assert "Left unfinished" in client.get(url).content.decode()
    client.force_login(MembershipFactory(community=community).user)
    assert "Left unfinished" not in client.get(url).content.decode()

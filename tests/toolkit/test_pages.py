"""The toolkit's pages: sharing (and what it refuses), curation, the resource page's figures,
file downloads, "used this" and replies to discussion prompts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.discussions.models import Thread
from communities.models import Role, Stage, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.toolkit.factories import ResourceFactory, stored_text_file
from tests.upload_files import stored_files
from toolkit.models import FeaturedResource, Resource, ResourceKind, ResourceTally
from toolkit.selectors import tally_of
from toolkit.services import reply_to_prompt

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def editor_of(client, community):
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    client.force_login(editor)
    return editor


def share(client, community, **data):
    fields = {"kind": "link", "title": "Guide", "description": "", "url": "", "prompt": ""}
    return client.post(reverse("toolkit:create", args=[community.slug]), fields | data)


def test_member_shares_a_link_with_tags_and_lands_on_its_page(client, member):
    response = share(client, member.community, url="https://example.org/g", tags="Data, data")

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.url_in(member.community)
    assert [tag.name for tag in resource.tags.all()] == ["Data"]
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "link", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,x"]
)
def test_a_script_link_is_refused_with_a_message_and_nothing_stored(client, member, link):
    response = share(client, member.community, url=link)

    assert response.status_code == 422
    assert "Links must start with http:// or https://." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_link_kind_without_a_link_is_refused(client, member):
    response = share(client, member.community, kind="video")

    assert response.status_code == 422
    assert "Give the link for this kind of resource." in response.content.decode()
    assert not Resource.objects.exists()


def test_member_shares_a_template_file_and_downloads_it(client, member):
    upload = SimpleUploadedFile("agenda.csv", b"item,minutes\nWelcome,5\n", "text/csv")

    share(client, member.community, kind="template", file=upload)
    resource = Resource.objects.get()
    download = client.get(reverse("toolkit:download", args=[member.community.slug, resource.pk]))

    assert (resource.file_name, resource.file_type) == ("agenda.csv", "text/csv")
    assert b"".join(download.streaming_content) == b"item,minutes\nWelcome,5\n"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert "sandbox" in download["Content-Security-Policy"]


def test_markup_disguised_as_a_pdf_is_refused_and_nothing_is_stored(client, member, media_root):
    upload = SimpleUploadedFile("notes.pdf", b"<html><script>alert(1)</script>", "application/pdf")

    response = share(client, member.community, kind="document", file=upload)

    assert response.status_code == 422
    assert "markup" in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_on_a_link_is_refused(client, member):
    upload = SimpleUploadedFile("a.txt", b"hello there", "text/plain")

    response = share(client, member.community, kind="link", url="https://e.org", file=upload)

    assert response.status_code == 422
    assert not Resource.objects.exists()


def test_download_counts_once_a_day_and_a_resource_without_file_is_not_found(client, member):
    resource = ResourceFactory(community=member.community)
    url = reverse("toolkit:download", args=[member.community.slug, resource.pk])
    assert client.get(url).status_code == 404

    stored_text_file(resource)
    client.get(url)
    client.get(url)

    assert tally_of(resource=resource, community=member.community).downloads == 1


def test_a_private_cops_file_is_not_found_through_a_public_cop_of_the_same_program(client):
    program = ProgramFactory()
    public = CommunityFactory(program=program)
    private = CommunityFactory(program=program, visibility=Visibility.PRIVATE)
    secret = ResourceFactory(community=private)
    stored_text_file(secret)
    client.force_login(MembershipFactory(community=public).user)

    for name in ("toolkit:detail", "toolkit:download"):
        assert client.get(reverse(name, args=[public.slug, secret.pk])).status_code == 404


def test_figures_show_to_knowledge_editors_and_analysts_only(client, member):
    resource = ResourceFactory(community=member.community)
    url = resource.url_in(member.community)

    assert 'data-testid="figures"' not in client.get(url).content.decode()
    analyst = MembershipFactory(community=member.community, roles=[Role.USAGE_ANALYST]).user
    client.force_login(analyst)
    page = client.get(url).content.decode()

    assert 'data-testid="figures"' in page
    assert "Views: 2" in page  # the member's, and the analyst's own


def test_editor_features_a_resource_and_it_heads_the_toolkit(client):
    resource = ResourceFactory(title="Budget template")
    community = resource.community
    editor_of(client, community)

    client.post(reverse("toolkit:feature", args=[community.slug, resource.pk]), {"featured": "1"})
    page = client.get(reverse("toolkit:list", args=[community.slug])).content.decode()

    assert FeaturedResource.objects.filter(community=community, resource=resource).exists()
    assert page.index('id="featured"') < page.index("Budget template")
    client.post(reverse("toolkit:feature", args=[community.slug, resource.pk]), {"featured": "0"})
    assert not FeaturedResource.objects.exists()


def test_a_member_cannot_feature(client, member):
    resource = ResourceFactory(community=member.community)

    url = reverse("toolkit:feature", args=[member.community.slug, resource.pk])
    assert client.post(url, {"featured": "1"}).status_code == 403
    assert not FeaturedResource.objects.exists()


def test_retire_asks_first_then_the_page_shows_a_notice_and_restore_brings_it_back(client):
    resource = ResourceFactory(title="Old guide")
    community = resource.community
    editor_of(client, community)
    url = reverse("toolkit:retire", args=[community.slug, resource.pk])

    assert "Retire it" in client.get(url).content.decode()
    resource.refresh_from_db()
    assert not resource.is_retired
    client.post(url)

    page = client.get(resource.url_in(community)).content.decode()
    listing = client.get(reverse("toolkit:list", args=[community.slug])).content.decode()
    assert "This resource was retired" in page
    assert "Old guide" not in listing

    client.post(reverse("toolkit:restore", args=[community.slug, resource.pk]))
    listing = client.get(reverse("toolkit:list", args=[community.slug])).content.decode()
    assert "Old guide" in listing


def test_editor_edits_and_retags_but_a_member_may_not(client, member):
    resource = ResourceFactory(community=member.community, title="Draft")
    url = reverse("toolkit:edit", args=[member.community.slug, resource.pk])
    data = {"kind": "article", "title": "Final", "url": "https://e.org/a", "tags": "Budget"}
    assert client.post(url, data).status_code == 403

    editor_of(client, member.community)
    client.post(url, data)

    resource.refresh_from_db()
    assert (resource.title, resource.kind) == ("Final", ResourceKind.ARTICLE)
    assert [tag.slug for tag in resource.tags.all()] == ["budget"]


def test_cop_editors_cannot_edit_a_program_resource(client):
    program = ProgramFactory()
    community = CommunityFactory(program=program)
    resource = ResourceFactory(community=None, program=program)
    editor_of(client, community)

    url = reverse("toolkit:edit", args=[community.slug, resource.pk])
    assert client.get(url).status_code == 403


def test_program_resources_show_marked_tta_provided_in_the_cops_toolkit(client):
    program = ProgramFactory()
    community = CommunityFactory(program=program)
    ResourceFactory(community=None, program=program, title="Charter template")
    client.force_login(MembershipFactory(community=community).user)

    page = client.get(reverse("toolkit:list", args=[community.slug])).content.decode()

    assert "Charter template" in page
    assert "TTA-provided" in page


def test_tta_leader_adds_a_program_resource(client):
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    client.force_login(leader)

    client.post(
        reverse("toolkit:program_create", args=[program.slug]),
        {"kind": "tool", "title": "Checklist", "url": "https://e.org/c"},
    )

    resource = Resource.objects.get()
    assert (resource.program, resource.community) == (program, None)


def test_archived_cops_toolkit_is_read_only(client):
    community = CommunityFactory(stage=Stage.ARCHIVED)
    resource = ResourceFactory(community=community, prompt="Thoughts?")
    client.force_login(MembershipFactory(community=community, roles=[Role.FACILITATOR]).user)

    page = client.get(resource.url_in(community)).content.decode()

    assert client.get(reverse("toolkit:list", args=[community.slug])).status_code == 200
    assert "I used this" not in page
    assert "Feature" not in page
    assert share(client, community, url="https://e.org").status_code == 403
    assert not ResourceTally.objects.exists()


def test_used_this_once_then_the_page_says_so(client, member):
    resource = ResourceFactory(community=member.community)
    url = reverse("toolkit:use", args=[member.community.slug, resource.pk])

    client.post(url)
    client.post(url)

    assert tally_of(resource=resource, community=member.community).uses == 1
    assert "You said you used this" in client.get(resource.url_in(member.community)).text


def test_first_prompt_reply_opens_a_thread_linked_from_the_resource_page(client, member):
    resource = ResourceFactory(community=member.community, prompt="What did you adapt?")
    url = reverse("toolkit:discuss", args=[member.community.slug, resource.pk])
    assert f'action="{url}"' in client.get(resource.url_in(member.community)).content.decode()

    response = client.post(url, {"body": "The agenda order."})
    thread = Thread.objects.get()
    page = client.get(resource.url_in(member.community)).content.decode()

    assert response["Location"] == thread.get_absolute_url()
    assert thread.get_absolute_url() in page
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_an_empty_prompt_reply_is_refused_with_its_message(client, member):
    resource = ResourceFactory(community=member.community, prompt="What did you adapt?")
    url = reverse("toolkit:discuss", args=[member.community.slug, resource.pk])

    response = client.post(url, {"body": ""})

    assert response.status_code == 422
    assert not Thread.objects.exists()


def test_toolkit_pages_and_says_when_empty_or_nothing_matches(client, member):
    url = reverse("toolkit:list", args=[member.community.slug])
    assert "No resources shared yet." in client.get(url).content.decode()

    ResourceFactory.create_batch(25, community=member.community)
    second = client.get(url, {"page": 2}).content.decode()
    nothing = client.get(url, {"q": "no such words"}).content.decode()

    assert "Page 2 of 2" in second
    assert "Nothing matches these filters." in nothing


def test_bad_filter_values_are_dropped_not_a_server_error(client, member):
    ResourceFactory(community=member.community, title="Kept")
    url = reverse("toolkit:list", args=[member.community.slug])

    response = client.get(url, {"kind": "nope", "tag": "<b>", "scope": "x", "page": "zz"})

    assert response.status_code == 200
    assert "Kept" in response.content.decode()


def test_resource_page_shows_the_discussion_so_far_without_hidden_replies(client, member):
    resource = ResourceFactory(community=member.community, prompt="What did you adapt?")
    others = [MembershipFactory(community=member.community).user for _ in range(2)]
    reply_to_prompt(actor=others[0], resource=resource, community=member.community, body="Opening")
    shown = reply_to_prompt(
        actor=others[1], resource=resource, community=member.community, body="Kept reply"
    )
    hidden = reply_to_prompt(
        actor=others[1], resource=resource, community=member.community, body="Rude reply"
    )
    hidden.is_hidden = True
    hidden.save(update_fields=["is_hidden"])

    page = client.get(resource.url_in(member.community)).content.decode()

    assert "Opening" in page
    assert shown.body in page
    assert "Rude reply" not in page


def test_a_link_of_another_scheme_written_outside_the_forms_is_not_put_in_the_page(client, member):
    resource = ResourceFactory(community=member.community, url="javascript:alert(1)")

    page = client.get(resource.url_in(member.community)).content.decode()

    assert "javascript:alert" not in page


def test_the_featured_strip_leaves_while_filtering(client, member):
    resource = ResourceFactory(community=member.community, title="Starred")
    FeaturedResource.objects.create(community=member.community, resource=resource)
    url = reverse("toolkit:list", args=[member.community.slug])

    assert 'id="featured"' in client.get(url).content.decode()
    assert 'id="featured"' not in client.get(url, {"q": "Starred"}).content.decode()


def test_an_oversized_file_is_refused_and_nothing_is_stored(client, member, media_root, settings):
    settings.UPLOAD_MAX_BYTES = 10
    upload = SimpleUploadedFile("plan.txt", b"a plan longer than ten bytes", "text/plain")

    response = share(client, member.community, kind="document", file=upload)

    assert response.status_code == 422
    assert "files may be at most" in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files(media_root) == []


def test_a_locked_prompt_thread_offers_no_reply_form_and_refuses_replies(client, member):
    resource = ResourceFactory(community=member.community, prompt="What did you adapt?")
    thread = reply_to_prompt(
        actor=member.user, resource=resource, community=member.community, body="First"
    )
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    url = reverse("toolkit:discuss", args=[member.community.slug, resource.pk])

    page = client.get(resource.url_in(member.community)).content.decode()
    response = client.post(url, {"body": "Second"})

    assert f'action="{url}"' not in page
    assert response.status_code == 409
    assert Thread.objects.get(pk=thread.pk).reply_count == 0


def test_an_archivist_retires_but_does_not_edit_or_feature(client):
    resource = ResourceFactory(title="Old guide")
    community = resource.community
    client.force_login(MembershipFactory(community=community, roles=[Role.ARCHIVIST]).user)

    page = client.get(resource.url_in(community)).content.decode()
    edit = client.get(reverse("toolkit:edit", args=[community.slug, resource.pk]))
    client.post(reverse("toolkit:retire", args=[community.slug, resource.pk]))

    assert "Edit and tag" not in page
    assert "Feature" not in page
    assert edit.status_code == 403
    resource.refresh_from_db()
    assert resource.is_retired


def test_tta_leader_retires_a_program_resource_everywhere_then_restores_it(client):
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    community = CommunityFactory(program=program)
    resource = ResourceFactory(community=None, program=program, title="Charter template")
    FeaturedResource.objects.create(community=community, resource=resource)
    member = MembershipFactory(community=community).user
    client.force_login(leader)

    client.post(reverse("toolkit:program_retire", args=[program.slug, resource.pk]))
    client.force_login(member)
    retired_listing = client.get(reverse("toolkit:list", args=[community.slug])).content.decode()
    client.force_login(leader)
    client.post(reverse("toolkit:program_restore", args=[program.slug, resource.pk]))
    client.force_login(member)
    listing = client.get(reverse("toolkit:list", args=[community.slug])).content.decode()

    assert "Charter template" not in retired_listing
    assert not FeaturedResource.objects.exists()
    assert "Charter template" in listing

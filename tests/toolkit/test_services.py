"""The toolkit's writes: sharing with tags, curation, counting, and prompts opening threads."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.http import Http404

from communities.discussions.models import Post, Thread
from communities.models import Stage
from cop_platform.uploads import check_upload
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.toolkit.factories import ResourceFactory, stored_text_file
from tests.upload_files import stored_files
from toolkit.models import FeaturedResource, PromptThread, ResourceKind, ResourceTally
from toolkit.selectors import (
    ToolkitFilters,
    featured_resources,
    resource_in,
    tally_of,
    toolkit_resources,
)
from toolkit.services import (
    ToolkitError,
    mark_used,
    record_download,
    record_view,
    reply_to_prompt,
    retire_resource,
    set_featured,
    share_resource,
    update_resource,
)

pytestmark = pytest.mark.django_db


def listed(community, **filters) -> list[str]:
    resources = toolkit_resources(community=community, filters=ToolkitFilters(**filters))
    return [resource.title for resource in resources]


def test_share_resource_keeps_one_tag_per_spelling_when_tags_differ_in_case():
    community = CommunityFactory()
    member = MembershipFactory(community=community).user

    resource = share_resource(
        actor=member,
        community=community,
        kind=ResourceKind.LINK,
        title="Guide",
        url="https://example.org/guide",
        tags=["Peer Support", "peer  support", "Data"],
    )

    assert sorted(tag.slug for tag in resource.tags.all()) == ["data", "peer-support"]
    assert resource.author == member
    assert listed(community, tag="peer-support") == ["Guide"]


def test_toolkit_lists_the_programs_resources_in_each_of_its_cops_but_no_other_cops():
    program = ProgramFactory()
    mine, sibling = CommunityFactory(program=program), CommunityFactory(program=program)
    ResourceFactory(community=mine, title="Ours")
    ResourceFactory(community=sibling, title="Theirs")
    ResourceFactory(community=None, program=program, title="TTA template")
    ResourceFactory(community=None, program=ProgramFactory(), title="Other program's")

    assert sorted(listed(mine)) == ["Ours", "TTA template"]
    assert listed(mine, scope="program") == ["TTA template"]
    assert listed(mine, scope="cop") == ["Ours"]
    assert listed(CommunityFactory()) == []


def test_toolkit_filters_by_kind_and_by_text_in_title_or_description():
    community = CommunityFactory()
    ResourceFactory(community=community, title="Budget video", kind=ResourceKind.VIDEO)
    ResourceFactory(community=community, title="Plan", description="A budget worksheet")
    ResourceFactory(community=community, title="Other")

    assert listed(community, kind=ResourceKind.VIDEO) == ["Budget video"]
    assert sorted(listed(community, text="BUDGET")) == ["Budget video", "Plan"]


def test_resource_of_another_cop_is_not_found_through_this_cops_toolkit():
    resource = ResourceFactory()

    with pytest.raises(Http404):
        resource_in(community=CommunityFactory(), pk=resource.pk)


def test_feature_twice_keeps_one_entry_and_unfeature_removes_it():
    resource = ResourceFactory()
    editor = UserFactory()
    community = resource.community

    assert set_featured(actor=editor, community=community, resource=resource, featured=True)
    assert not set_featured(actor=editor, community=community, resource=resource, featured=True)
    assert [r.pk for r in featured_resources(community=community)] == [resource.pk]

    set_featured(actor=editor, community=community, resource=resource, featured=False)
    assert featured_resources(community=community) == []


def test_program_resource_featured_in_one_cop_is_not_featured_in_its_sibling():
    program = ProgramFactory()
    mine, sibling = CommunityFactory(program=program), CommunityFactory(program=program)
    resource = ResourceFactory(community=None, program=program)

    set_featured(actor=UserFactory(), community=mine, resource=resource, featured=True)

    assert [r.pk for r in featured_resources(community=mine)] == [resource.pk]
    assert featured_resources(community=sibling) == []


def test_retire_takes_it_out_of_the_list_and_strip_but_its_page_still_resolves():
    resource = ResourceFactory(title="Old guide")
    community = resource.community
    set_featured(actor=UserFactory(), community=community, resource=resource, featured=True)

    retire_resource(actor=UserFactory(), resource=resource)

    assert listed(community) == []
    assert featured_resources(community=community) == []
    assert not FeaturedResource.objects.exists()
    assert resource_in(community=community, pk=resource.pk).is_retired
    with pytest.raises(ToolkitError):
        set_featured(actor=UserFactory(), community=community, resource=resource, featured=True)


def test_download_counts_once_per_person_per_day():
    resource = ResourceFactory()
    community, reader = resource.community, UserFactory()
    day = dt.date(2026, 3, 2)

    assert record_download(viewer=reader, resource=resource, community=community, today=day)
    assert not record_download(viewer=reader, resource=resource, community=community, today=day)
    record_download(viewer=UserFactory(), resource=resource, community=community, today=day)
    record_download(
        viewer=reader, resource=resource, community=community, today=day + dt.timedelta(1)
    )

    assert tally_of(resource=resource, community=community).downloads == 3


def test_views_are_counted_per_cop_of_a_program_resource():
    program = ProgramFactory()
    mine, sibling = CommunityFactory(program=program), CommunityFactory(program=program)
    resource = ResourceFactory(community=None, program=program)

    record_view(viewer=UserFactory(), resource=resource, community=mine)
    record_view(viewer=UserFactory(), resource=resource, community=mine)
    record_view(viewer=UserFactory(), resource=resource, community=sibling)

    assert tally_of(resource=resource, community=mine).views == 2
    assert tally_of(resource=resource, community=sibling).views == 1


def test_nothing_is_counted_in_an_archived_cop():
    resource = ResourceFactory(community=CommunityFactory(stage=Stage.ARCHIVED))

    record_view(viewer=UserFactory(), resource=resource, community=resource.community)
    record_download(viewer=UserFactory(), resource=resource, community=resource.community)

    assert not ResourceTally.objects.exists()


def test_used_this_counts_once_per_member():
    resource = ResourceFactory()
    member = UserFactory()

    assert mark_used(actor=member, resource=resource, community=resource.community)
    assert not mark_used(actor=member, resource=resource, community=resource.community)
    mark_used(actor=UserFactory(), resource=resource, community=resource.community)

    assert tally_of(resource=resource, community=resource.community).uses == 2


def test_first_prompt_reply_opens_a_thread_and_later_ones_reply_in_it():
    resource = ResourceFactory(prompt="What would you change?", title="Plan")
    community = resource.community
    first, second = (MembershipFactory(community=community).user for _ in range(2))

    thread = reply_to_prompt(actor=first, resource=resource, community=community, body="More")
    post = reply_to_prompt(actor=second, resource=resource, community=community, body="Less")

    assert isinstance(thread, Thread)
    assert (thread.community, thread.author, thread.body) == (community, first, "More")
    assert thread.title.startswith("What would you change?")
    assert isinstance(post, Post)
    assert post.thread == thread
    assert Thread.objects.get(pk=thread.pk).reply_count == 1


def test_program_resource_prompt_opens_one_thread_per_cop():
    program = ProgramFactory()
    mine, sibling = CommunityFactory(program=program), CommunityFactory(program=program)
    resource = ResourceFactory(community=None, program=program, prompt="Tried it?")

    for community in (mine, sibling):
        reply_to_prompt(actor=UserFactory(), resource=resource, community=community, body="Yes")

    threads = {link.community_id: link.thread.community_id for link in PromptThread.objects.all()}
    assert threads == {mine.pk: mine.pk, sibling.pk: sibling.pk}


def test_reply_to_a_resource_without_prompt_is_refused():
    resource = ResourceFactory(prompt="")

    with pytest.raises(ToolkitError):
        reply_to_prompt(
            actor=UserFactory(), resource=resource, community=resource.community, body="Hi"
        )
    assert not Thread.objects.exists()


def test_changing_a_document_into_a_link_drops_its_file_after_commit(
    django_capture_on_commit_callbacks,
):
    resource = ResourceFactory()
    stored_text_file(resource)
    stored = resource.file

    with django_capture_on_commit_callbacks(execute=True):
        update_resource(
            actor=UserFactory(),
            resource=resource,
            kind=ResourceKind.LINK,
            url="https://example.org/x",
        )

    resource.refresh_from_db()
    assert (resource.file, resource.file_name) == ("", "")
    assert not default_storage.exists(stored)


def test_the_sharer_follows_the_prompt_thread_where_they_are_a_member():
    resource = ResourceFactory(prompt="Tried it?")
    community = resource.community
    MembershipFactory(community=community, user=resource.author)

    thread = reply_to_prompt(
        actor=UserFactory(), resource=resource, community=community, body="Yes"
    )

    assert thread.follows.filter(user=resource.author).exists()


def test_a_program_resources_author_does_not_follow_a_cop_thread_they_may_not_read():
    program = ProgramFactory()
    community = CommunityFactory(program=program)
    resource = ResourceFactory(community=None, program=program, prompt="Tried it?")

    thread = reply_to_prompt(
        actor=UserFactory(), resource=resource, community=community, body="Yes"
    )

    assert not thread.follows.filter(user=resource.author).exists()


def test_deleting_a_cop_deletes_its_resources_files_after_commit(
    django_capture_on_commit_callbacks,
):
    resource = ResourceFactory()
    stored_text_file(resource)

    with django_capture_on_commit_callbacks(execute=True):
        resource.community.delete()

    assert not default_storage.exists(resource.file)


def test_an_edit_that_names_no_tags_keeps_them():
    resource = share_resource(
        actor=UserFactory(),
        community=CommunityFactory(),
        kind=ResourceKind.LINK,
        title="Guide",
        url="https://example.org/g",
        tags=["Data"],
    )

    update_resource(actor=UserFactory(), resource=resource, title="Better guide")

    assert [tag.name for tag in resource.tags.all()] == ["Data"]


def test_a_share_that_fails_to_save_leaves_no_file_behind(media_root):
    upload = check_upload(SimpleUploadedFile("plan.txt", b"A plan\n", "text/plain"))

    with pytest.raises(IntegrityError):
        # No CoP and no program: the row's check constraint refuses it after the file is stored.
        share_resource(actor=UserFactory(), kind=ResourceKind.TEMPLATE, title="Plan", upload=upload)

    assert stored_files(media_root) == []

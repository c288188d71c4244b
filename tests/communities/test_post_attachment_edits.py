"""Editing a post's files: an author ticks Remove beside a file or attaches more on the edit form
of their thread or reply, within the limit of a new post and under the same upload rules; a
removed file leaves the store once the edit commits. Nobody else may, and nothing changes on a
refusal. (Posting and downloading files: test_post_attachments.py.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.discussions.attachments import TooManyFilesError
from communities.discussions.forms import EditForm
from communities.discussions.services import edit_post
from communities.models import Attachment, Post, Role, Thread, Visibility
from cop_platform.uploads import check_upload
from tests import upload_files as files
from tests.communities.test_post_attachments import attach, download_url
from tests.factories import CommunityFactory, MembershipFactory, PostFactory, ThreadFactory
from tests.upload_files import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


@pytest.fixture
def thread(member):
    return ThreadFactory(community=member.community, author=member.user)


@pytest.fixture
def reply(member, thread):
    return PostFactory(thread=thread, author=member.user)


def edit_url(target) -> str:
    if isinstance(target, Thread):
        return reverse("communities:thread_edit", args=[target.community.slug, target.pk])
    return reverse("communities:post_edit", args=[target.thread.community.slug, target.pk])


def save_edit(client, target, *, remove=(), add=(), body="Corrected.", **extra):
    """Posts the edit form as a browser sends it: the words, the ticked boxes, the new files."""
    data = {"body": body, "remove": [a.pk for a in remove], **extra}
    if isinstance(target, Thread):
        data.setdefault("title", target.title)
    data["attachments"] = [SimpleUploadedFile(name, content) for name, content in add]
    return client.post(edit_url(target), data)


def names_on(target) -> list[str]:
    if isinstance(target, Thread):
        return sorted(target.attachments.filter(post=None).values_list("name", flat=True))
    return sorted(target.attachments.values_list("name", flat=True))


def names_shown(client, thread) -> str:
    return client.get(thread.get_absolute_url()).content.decode()


def test_the_edit_form_lists_each_file_with_a_remove_box_and_takes_more(client, thread, reply):
    attach(thread, "agenda.pdf")
    attach(reply, "minutes.txt")

    for target, name in ((thread, "agenda.pdf"), (reply, "minutes.txt")):
        page = client.get(edit_url(target)).content.decode()
        assert 'enctype="multipart/form-data"' in page
        assert 'type="checkbox"' in page and f"Remove {name}" in page
        assert 'name="attachments"' in page and "multiple" in page


def test_an_author_adds_files_to_their_reply(client, thread, reply, media_root):
    attach(reply, "first.txt")

    response = save_edit(client, reply, add=[("visits.csv", files.CSV), ("map.png", files.PNG)])

    assert response.status_code == 302
    assert names_on(reply) == ["first.txt", "map.png", "visits.csv"]
    stored = sorted(reply.attachments.values_list("storage_name", flat=True))
    assert stored_files(media_root) == stored
    page = names_shown(client, thread)
    assert "visits.csv" in page and "map.png" in page and "first.txt" in page
    assert Post.objects.get(pk=reply.pk).edited_at is not None


def test_an_author_removes_a_file_from_their_thread_and_it_leaves_the_store(
    client, thread, media_root, django_capture_on_commit_callbacks
):
    wrong = attach(thread, "wrong.txt")
    kept = attach(thread, "right.txt")

    with django_capture_on_commit_callbacks(execute=True):
        response = save_edit(client, thread, remove=[wrong])

    assert response.status_code == 302
    assert names_on(thread) == ["right.txt"]
    assert stored_files(media_root) == [kept.storage_name]
    assert client.get(download_url(wrong)).status_code == 404
    page = names_shown(client, thread)
    assert "right.txt" in page and "wrong.txt" not in page


def test_removing_and_adding_at_once_may_fill_the_post_to_its_limit(
    client, thread, reply, media_root, django_capture_on_commit_callbacks
):
    present = [attach(reply, f"n{i}.txt") for i in range(5)]

    with django_capture_on_commit_callbacks(execute=True):
        response = save_edit(
            client,
            reply,
            remove=present[:2],
            add=[("report.pdf", files.PDF), ("intake.docx", files.DOCX)],
        )

    assert response.status_code == 302
    assert names_on(reply) == ["intake.docx", "n2.txt", "n3.txt", "n4.txt", "report.pdf"]
    stored = sorted(reply.attachments.values_list("storage_name", flat=True))
    assert stored_files(media_root) == stored
    page = names_shown(client, thread)
    assert "intake.docx" in page and "n0.txt" not in page


def test_more_files_than_a_post_may_carry_are_refused_and_nothing_changes(
    client, thread, media_root
):
    for i in range(4):
        attach(thread, f"n{i}.txt")
    before = stored_files(media_root)

    response = save_edit(
        client, thread, add=[("a.txt", files.TEXT), ("b.txt", files.TEXT)], body="New words"
    )

    assert response.status_code == 422
    assert "at most 5 files" in response.content.decode()
    assert names_on(thread) == ["n0.txt", "n1.txt", "n2.txt", "n3.txt"]
    assert stored_files(media_root) == before
    assert Thread.objects.get(pk=thread.pk).body != "New words"


def test_a_disguised_file_is_refused_and_nothing_changes(
    client, thread, reply, media_root, django_capture_on_commit_callbacks
):
    present = attach(reply, "minutes.txt")
    before = stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        response = save_edit(
            client, reply, remove=[present], add=[("report.pdf", files.HTML)], body="New words"
        )

    assert response.status_code == 422
    assert "web page markup" in response.content.decode()
    assert names_on(reply) == ["minutes.txt"]
    assert stored_files(media_root) == before
    assert Post.objects.get(pk=reply.pk).body == reply.body


def test_another_posts_file_cannot_be_ticked_for_removal(client, thread, reply, media_root):
    others = attach(PostFactory(thread=thread), "theirs.txt")
    attach(reply, "mine.txt")

    response = save_edit(client, reply, remove=[others])

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert Attachment.objects.filter(pk=others.pk).exists()


def test_the_service_removes_only_the_edited_posts_own_files(member, thread, reply, media_root):
    others = attach(thread, "opening.txt")  # the thread's opening post, not this reply

    edit_post(actor=member.user, post=reply, body="Same.", remove=[others.pk])

    assert Attachment.objects.filter(pk=others.pk).exists()


def test_an_edit_that_passes_the_limit_after_the_form_counted_changes_nothing(
    member, thread, media_root, django_capture_on_commit_callbacks
):
    """Two edits at once: the form counted before another edit added files, the service counts
    again under the post's lock and refuses, keeping the file it would have removed."""
    present = [attach(thread, f"n{i}.txt") for i in range(5)]
    new = [check_upload(SimpleUploadedFile(f"x{i}.txt", files.TEXT)) for i in range(2)]
    before = stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TooManyFilesError):
        edit_post(
            actor=member.user,
            post=thread,
            body="New words",
            remove=[present[0].pk],
            attachments=new,
        )

    assert Attachment.objects.count() == 5
    assert stored_files(media_root) == before
    assert Thread.objects.get(pk=thread.pk).body != "New words"


@pytest.mark.parametrize("who", ["another member", "a facilitator", "a moderator"])
def test_only_the_author_may_change_a_posts_files(client, thread, reply, who, media_root):
    roles = {
        "another member": [],
        "a facilitator": [Role.FACILITATOR],
        "a moderator": [Role.DISCUSSION_MODERATOR],
    }[who]
    other = MembershipFactory(community=thread.community, roles=roles).user
    client.force_login(other)

    for target in (thread, reply):
        present = attach(target, "kept.txt")
        assert client.get(edit_url(target)).status_code == 403
        response = save_edit(client, target, remove=[present], add=[("x.txt", files.TEXT)])
        assert response.status_code == 403
        assert names_on(target) == ["kept.txt"]
        present.delete()


def test_a_private_cops_edit_forms_are_not_found_by_an_outsider(client, media_root):
    community = CommunityFactory(visibility=Visibility.PRIVATE)
    author = MembershipFactory(community=community).user
    thread = ThreadFactory(community=community, author=author)
    reply = PostFactory(thread=thread, author=author)
    present = attach(reply, "kept.txt")
    client.force_login(MembershipFactory().user)  # a member elsewhere

    for target in (thread, reply):
        assert client.get(edit_url(target)).status_code == 404
    assert save_edit(client, reply, remove=[present]).status_code == 404
    assert names_on(reply) == ["kept.txt"]


def test_a_hidden_or_deleted_replys_files_cannot_be_edited(client, thread, member, media_root):
    hidden = PostFactory(thread=thread, author=member.user, is_hidden=True)
    deleted = PostFactory(thread=thread, author=member.user)
    Post.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    hidden_file = attach(hidden, "hidden.txt")
    deleted_file = attach(deleted, "deleted.txt")

    assert save_edit(client, hidden, remove=[hidden_file]).status_code == 404
    assert save_edit(client, deleted, remove=[deleted_file]).status_code == 403
    assert Attachment.objects.count() == 2


def test_the_edit_form_counts_the_files_kept_and_added_against_the_limit(thread, media_root):
    present = [attach(thread, f"n{i}.txt") for i in range(5)]
    added = {"attachments": [SimpleUploadedFile("x.txt", files.TEXT)]}
    data = {"title": "T", "body": "B", "remove": []}

    full = EditForm(data, added, with_title=True, current=present)
    room = EditForm({**data, "remove": [present[0].pk]}, added, with_title=True, current=present)

    assert full.errors["attachments"] == [
        "A post can carry at most 5 files. Tick Remove on some to make room, or attach fewer."
    ]
    assert room.is_valid(), room.errors

"""Post attachments: a thread's opening post and its replies carry files under the shared upload
rules; a refused file leaves nothing stored; a download is scoped and served as its post is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Attachment, Post, Role, Thread, Visibility
from cop_platform.uploads import CheckedUpload, store_upload
from tests import upload_files as files
from tests.factories import CommunityFactory, MembershipFactory, PostFactory, ThreadFactory
from tests.upload_files import multipart, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


@pytest.fixture
def thread(member):
    return ThreadFactory(community=member.community)


def reply_url(thread) -> str:
    return reverse("communities:thread_reply", args=[thread.community.slug, thread.pk])


def download_url(attachment) -> str:
    return reverse("communities:attachment", args=[attachment.thread.community.slug, attachment.pk])


def post_reply(client, thread, *attached: tuple[str, bytes], body: str = "See attached."):
    """A reply with files named exactly as given (folders and control characters included)."""
    data, content_type = multipart(
        {"body": body}, [("attachments", name, content) for name, content in attached]
    )
    return client.post(reply_url(thread), data=data, content_type=content_type)


def test_a_reply_carries_its_files_listed_with_name_type_and_size(
    client, member, thread, media_root
):
    response = post_reply(client, thread, ("minutes.pdf", files.PDF), ("visits.csv", files.CSV))

    assert response.status_code == 302
    post = Post.objects.get()
    attachments = list(post.attachments.order_by("name"))
    assert [(a.name, a.content_type, a.size) for a in attachments] == [
        ("minutes.pdf", "application/pdf", len(files.PDF)),
        ("visits.csv", "text/csv", len(files.CSV)),
    ]
    stored = [attachment.storage_name for attachment in attachments]
    assert stored_files(media_root) == sorted(stored)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'href="{download_url(attachments[0])}"' in page
    assert "minutes.pdf" in page and "PDF" in page and "CSV spreadsheet" in page


def test_a_new_thread_carries_files_on_its_opening_post(client, member, media_root):
    url = reverse("communities:thread_create", args=[member.community.slug])
    form = {"kind": "question", "title": "Intake forms?", "body": "Ours:", "post": "1"}
    upload = SimpleUploadedFile("intake.docx", files.DOCX)

    response = client.post(url, {**form, "attachments": [upload]})

    thread = Thread.objects.get()
    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert (attachment.thread, attachment.post, attachment.name) == (thread, None, "intake.docx")
    assert stored_files(media_root) == [attachment.storage_name]
    assert "intake.docx" in client.get(thread.get_absolute_url()).content.decode()
    download = client.get(download_url(attachment))
    assert b"".join(download.streaming_content) == files.DOCX


def test_the_forms_send_files(client, member, thread):
    new_thread = reverse("communities:thread_create", args=[member.community.slug])

    for page in (client.get(new_thread), client.get(thread.get_absolute_url())):
        html = page.content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert 'name="attachments"' in html and "multiple" in html


BAD_FILES = {
    "HTML renamed .pdf": ("report.pdf", files.HTML, "web page markup"),
    "SVG renamed .pdf": ("chart.pdf", files.SVG, "web page markup"),
    "markup in the first kilobytes": ("report.pdf", files.PDF_WITH_MARKUP_AHEAD, "markup"),
    "not on the list": ("tool.pdf", b"MZ\x90\x00" + bytes(200), "isn&#x27;t a file type"),
    "empty": ("empty.pdf", b"", "empty"),
    "path separators": ("../../etc/report.pdf", files.PDF, "may not contain folders"),
    "backslashes": ("..\\..\\report.pdf", files.PDF, "may not contain folders"),
    "control character": ("bell\x07.pdf", files.PDF, "control characters"),
    "direction override": ("cod\u202etxt.pdf", files.PDF, "control characters"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_refused_file_stores_nothing_and_says_why(client, member, thread, case, media_root):
    name, content, message = BAD_FILES[case]

    # Beside a good file, so a refusal is seen to keep that one from being stored as well.
    response = post_reply(client, thread, ("fine.txt", files.TEXT), (name, content))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Post.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_limit_stores_nothing(client, member, thread, settings, media_root):
    settings.UPLOAD_MAX_BYTES = 1000

    response = post_reply(client, thread, ("big.txt", b"x" * 5000))

    assert response.status_code == 422
    # The size counted as it arrived, though only the first 1000 bytes were kept.
    assert "big.txt is 4.9\xa0KB; files may be at most 1000\xa0bytes" in response.content.decode()
    assert not Post.objects.exists()
    assert stored_files(media_root) == []


def test_a_request_too_big_for_any_form_is_refused_before_it_is_read(
    client, member, thread, settings, media_root
):
    settings.UPLOAD_MAX_REQUEST_BYTES = 2000

    response = post_reply(client, thread, ("big.txt", b"x" * 3000))

    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not Post.objects.exists()
    assert stored_files(media_root) == []


def test_more_than_five_files_are_refused(client, member, thread, media_root):
    response = post_reply(client, thread, *[(f"n{i}.txt", files.TEXT) for i in range(6)])

    assert response.status_code == 422
    assert "at most 5 files" in response.content.decode()
    assert stored_files(media_root) == []


def test_a_refused_new_thread_stores_nothing(client, member, media_root):
    url = reverse("communities:thread_create", args=[member.community.slug])
    data, content_type = multipart(
        {"kind": "general", "title": "Look", "body": "This:", "post": "1"},
        [("attachments", "page.pdf", files.HTML)],
    )

    response = client.post(url, data=data, content_type=content_type)

    assert response.status_code == 422
    assert not Thread.objects.exists()
    assert stored_files(media_root) == []


def test_a_download_is_a_sandboxed_attachment_even_for_a_pdf_with_a_page_inside(
    client, member, thread
):
    post_reply(client, thread, ("report.pdf", files.POLYGLOT_PDF))
    attachment = Attachment.objects.get()

    response = client.get(download_url(attachment))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == files.POLYGLOT_PDF


def attach(post_or_thread, name="notes.txt") -> Attachment:
    """An attachment with its file stored, as a post made through the form leaves it."""
    upload = SimpleUploadedFile(name, files.TEXT)
    checked = CheckedUpload(file=upload, name=name, content_type="text/plain", size=upload.size)
    is_post = isinstance(post_or_thread, Post)
    return Attachment.objects.create(
        thread=post_or_thread.thread if is_post else post_or_thread,
        post=post_or_thread if is_post else None,
        storage_name=store_upload(checked, folder="discussions"),
        name=name,
        content_type="text/plain",
        size=upload.size,
    )


def test_a_private_cops_file_is_not_found_by_an_outsider(client):
    community = CommunityFactory(visibility=Visibility.PRIVATE)
    attachment = attach(ThreadFactory(community=community))
    client.force_login(MembershipFactory().user)  # a member elsewhere

    assert client.get(download_url(attachment)).status_code == 404
    client.force_login(MembershipFactory(community=community).user)
    assert client.get(download_url(attachment)).status_code == 200


def test_a_hidden_replys_file_is_for_the_moderators_only(client, member, thread):
    attachment = attach(PostFactory(thread=thread, is_hidden=True))
    moderator = MembershipFactory(community=member.community, roles=[Role.DISCUSSION_MODERATOR])

    assert client.get(download_url(attachment)).status_code == 404
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "notes.txt" not in page
    client.force_login(moderator.user)
    assert client.get(download_url(attachment)).status_code == 200


def test_a_hidden_threads_files_are_for_the_moderators_only(client, member, thread):
    attachment = attach(thread)
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    moderator = MembershipFactory(community=member.community, roles=[Role.FACILITATOR])

    assert client.get(download_url(attachment)).status_code == 404
    client.force_login(moderator.user)
    assert client.get(download_url(attachment)).status_code == 200


def test_deleting_a_reply_takes_its_files_away(
    client, member, thread, django_capture_on_commit_callbacks, media_root
):
    post = PostFactory(thread=thread, author=member.user)
    attachment = attach(post)
    url = download_url(attachment)
    delete = reverse("communities:post_delete", args=[thread.community.slug, post.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302

    assert client.get(url).status_code == 404
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_deleted_cops_files_leave_the_store(
    member, thread, media_root, django_capture_on_commit_callbacks
):
    attach(thread)
    attach(PostFactory(thread=thread))

    with django_capture_on_commit_callbacks(execute=True):
        member.community.delete()

    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_a_name_spelled_with_a_joiner_is_not_mistaken_for_a_control_character(
    client, member, thread
):
    name = "\u06af\u0632\u0627\u0631\u0634\u200c\u0647\u0627.pdf"  # Persian: "reports"

    response = post_reply(client, thread, (name, files.PDF))

    assert response.status_code == 302
    assert Attachment.objects.get().name == name.replace("\u200c", "")  # Django drops it

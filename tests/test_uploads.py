"""The shared upload rules (cop_platform/uploads.py): the type judged from the content against
the allow-list, the refusals, and the headers a served file carries. Refusals through a real
form, with nothing stored, are in tests/communities/test_post_attachments.py."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from cop_platform.uploads import (
    SANDBOX_CSP,
    UploadField,
    UploadSizeHandler,
    check_upload,
    clean_upload_name,
    delete_stored,
    serve_upload,
    store_upload,
)
from tests import upload_files as files
from tests.derived_settings import derived_settings
from tests.upload_files import stored_files


def uploaded(name: str, content: bytes, claimed: str = "application/pdf") -> SimpleUploadedFile:
    upload = SimpleUploadedFile("placeholder", content, content_type=claimed)
    upload._name = name  # as a crafted request could name it (the setter drops folders)
    return upload


@pytest.mark.parametrize(
    ("name", "content", "judged"),
    [
        ("report.pdf", files.PDF, "application/pdf"),
        # The name and the browser's claim are ignored: a PNG named .pdf is a PNG.
        ("photo.pdf", files.PNG, "image/png"),
        ("photo.jpg", files.JPEG, "image/jpeg"),
        ("anim.gif", files.GIF, "image/gif"),
        ("pic.webp", files.WEBP, "image/webp"),
        ("notes.txt", files.TEXT, "text/plain"),
        ("visits.txt", files.CSV, "text/csv"),
        (
            "letter.docx",
            files.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            files.XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            files.PPTX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("old.doc", files.DOC, "application/msword"),
        ("old.xls", files.XLS, "application/vnd.ms-excel"),
        ("old.ppt", files.PPT, "application/vnd.ms-powerpoint"),
        ("late-markup.pdf", files.POLYGLOT_PDF, "application/pdf"),
    ],
)
def test_the_type_is_judged_from_the_content(name, content, judged):
    checked = check_upload(uploaded(name, content))

    assert checked.content_type == judged
    assert (checked.name, checked.size) == (name, len(content))
    assert checked.file.tell() == 0  # rewound for storing


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (files.HTML, "markup"),
        (files.SVG, "markup"),
        (files.PDF_WITH_MARKUP_AHEAD, "markup"),
        (b"Plain words, then <SCRIPT src=x></SCRIPT>", "markup"),
        (files.DOCM, "type"),  # macros: not on the list
        (files.ZIP, "type"),
        (files.MSI, "type"),
        (b"MZ\x90\x00" + bytes(100), "type"),  # a Windows program
        (b"text\x00with a NUL", "type"),
        ("caf\u00e9".encode("latin-1"), "type"),  # not UTF-8
        (b"", "empty"),
    ],
)
def test_a_file_off_the_list_or_with_markup_is_refused_with_a_reason(content, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(uploaded("report.pdf", content))

    assert refused.value.code == code
    assert "report.pdf" in refused.value.messages[0]


def test_a_file_over_the_limit_is_refused_with_both_sizes(settings):
    settings.UPLOAD_MAX_BYTES = 1000

    with pytest.raises(ValidationError) as refused:
        check_upload(uploaded("big.txt", b"x" * 1001))
    check_upload(uploaded("fits.txt", b"x" * 1000))

    assert refused.value.code == "too_big"
    assert "1000" in refused.value.messages[0]


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.pdf", "..\\evil.pdf", "a/b.pdf", "bell\x07.pdf", "cod\u202etxt.exe", ".."],
)
def test_a_name_with_folders_or_control_characters_is_refused_not_repaired(name):
    with pytest.raises(ValidationError) as refused:
        check_upload(uploaded(name, files.PDF))

    assert refused.value.code == "name"


def test_a_long_name_is_shortened_keeping_its_extension():
    name = clean_upload_name("a" * 300 + ".pdf")

    assert len(name) == 150
    assert name.endswith("a.pdf")


def test_the_form_field_returns_the_checked_upload_or_its_message():
    field = UploadField()

    assert field.clean(uploaded("notes.txt", files.TEXT)).content_type == "text/plain"
    with pytest.raises(ValidationError):
        field.clean(uploaded("page.pdf", files.HTML))


def test_a_stored_file_gets_a_random_name_in_its_folder_and_can_be_deleted(media_root):
    checked = check_upload(uploaded("report.pdf", files.PDF))

    first = store_upload(checked, folder="discussions")
    second = store_upload(checked, folder="discussions")

    assert first != second
    assert first.startswith("discussions/")
    assert "report" not in first
    assert default_storage.open(first).read() == files.PDF
    delete_stored(first)
    assert stored_files(media_root) == [second]


def serve(content: bytes, name: str, content_type: str):
    storage_name = store_upload(check_upload(uploaded(name, content)), folder="tests")
    request = RequestFactory().get("/")
    return serve_upload(
        request, storage_name=storage_name, filename=name, content_type=content_type
    )


def test_a_served_file_downloads_and_can_never_run_as_a_page():
    response = serve(files.POLYGLOT_PDF, "report.pdf", "application/pdf")

    # The polyglot is a valid PDF with a page inside: a download, sandboxed, never sniffed.
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX_CSP == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == files.POLYGLOT_PDF


def test_an_image_may_show_inline_and_text_names_its_charset():
    image = serve(files.PNG, "chart.png", "image/png")
    text = serve(files.TEXT, "notes.txt", "text/plain")

    assert image["Content-Disposition"] == 'inline; filename="chart.png"'
    assert text["Content-Disposition"] == 'attachment; filename="notes.txt"'
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text["Content-Security-Policy"] == SANDBOX_CSP


def test_a_type_off_the_list_is_served_as_bytes_to_save():
    response = serve(files.TEXT, "notes.txt", "text/html")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_uploads_go_to_media_root_unless_a_bucket_is_named():
    plain = derived_settings(["STORAGES"], unset=("UPLOAD_S3_BUCKET",))
    bucket = derived_settings(
        ["STORAGES"],
        UPLOAD_S3_BUCKET="cop-uploads",
        UPLOAD_S3_ENDPOINT_URL="https://account.r2.cloudflarestorage.com",
        UPLOAD_S3_REGION="auto",
    )

    assert plain["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    default = bucket["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "cop-uploads"
    assert default["OPTIONS"]["endpoint_url"] == "https://account.r2.cloudflarestorage.com"
    assert default["OPTIONS"]["region_name"] == "auto"
    assert default["OPTIONS"]["default_acl"] is None
    assert bucket["STORAGES"]["staticfiles"] == plain["STORAGES"]["staticfiles"]


def test_the_upload_limit_is_read_from_the_environment():
    limits = derived_settings(
        ["UPLOAD_MAX_BYTES", "UPLOAD_MAX_REQUEST_BYTES"], UPLOAD_MAX_BYTES="1048576"
    )

    assert limits["UPLOAD_MAX_BYTES"] == 1048576
    assert limits["UPLOAD_MAX_REQUEST_BYTES"] == 5 * 1048576 + 1048576


def test_past_the_limit_the_handlers_after_the_size_handler_keep_nothing(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = UploadSizeHandler()
    handler.new_file("attachments", "big.txt", "text/plain", None)

    passed = [handler.receive_data_chunk(chunk, 0) for chunk in (b"x" * 8, b"y" * 8, b"z")]
    stand_in = handler.file_complete(17)

    assert passed == [b"x" * 8, None, None]
    assert (stand_in.name, stand_in.size, stand_in.read()) == ("big.txt", 17, b"")
    with pytest.raises(ValidationError, match="at most 10"):
        check_upload(stand_in)


def test_within_the_limit_the_next_handler_keeps_the_file(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = UploadSizeHandler()
    handler.new_file("attachments", "small.txt", "text/plain", None)

    assert handler.receive_data_chunk(b"x" * 10, 0) == b"x" * 10
    assert handler.file_complete(10) is None

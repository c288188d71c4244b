"""Journey: a member starts a thread with a PDF attached; a peer finds it listed on the post,
downloads it (the file arrives as it was sent) and replies with a CSV; a web page dressed up as a
PDF is refused with the reason, and nothing of it is posted."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from communities.models import Attachment
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.upload_files import CSV, HTML, PDF

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Our intake form, for comments"


def test_a_file_is_attached_listed_downloaded_and_a_disguised_page_refused(
    page, new_page, tmp_path
):
    cop = CommunityFactory(name="Intake practice")
    author = UserFactory(email="author@example.org", name="Thread author")
    peer = UserFactory(email="peer@example.org", name="Replying peer")
    MembershipFactory(community=cop, user=author)
    MembershipFactory(community=cop, user=peer)
    (tmp_path / "intake-form.pdf").write_bytes(PDF)
    (tmp_path / "visits.csv").write_bytes(CSV)
    (tmp_path / "invoice.pdf").write_bytes(HTML)

    # The author starts a thread with the form attached.
    log_in(page, author.email)
    page.goto(f"/cops/{cop.slug}/discussions/new/")
    page.get_by_label("Kind").select_option(label="General")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Text").fill("The form we use since May. What would you change?")
    page.get_by_label("Attach files (optional)").set_input_files(tmp_path / "intake-form.pdf")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    files = page.get_by_role("list", name="Attachments")
    expect(files).to_contain_text("intake-form.pdf")
    expect(files).to_contain_text("PDF")
    thread_url = page.url

    # A peer downloads it: the same bytes arrive, as a download rather than a page.
    peer_page = new_page()
    log_in(peer_page, peer.email)
    peer_page.goto(thread_url)
    with peer_page.expect_download() as arrival:
        peer_page.get_by_role("link", name="intake-form.pdf").click()
    download = arrival.value
    assert download.suggested_filename == "intake-form.pdf"
    assert Path(download.path()).read_bytes() == PDF

    # A web page renamed .pdf is refused with the reason; the reply is not posted.
    peer_page.get_by_label("Your reply").fill("Here is ours.")
    peer_page.get_by_label("Attach files (optional)").set_input_files(tmp_path / "invoice.pdf")
    peer_page.get_by_role("button", name="Post reply").click()
    expect(peer_page.get_by_text("invoice.pdf holds web page markup")).to_be_visible()
    assert Attachment.objects.count() == 1

    # With a CSV instead, the reply carries it.
    peer_page.get_by_label("Your reply").fill("Here is ours, with last month's visits.")
    peer_page.get_by_label("Attach files (optional)").set_input_files(tmp_path / "visits.csv")
    peer_page.get_by_role("button", name="Post reply").click()
    reply = peer_page.get_by_role("article", name="Reply by Replying peer")
    expect(reply.get_by_role("link", name="visits.csv")).to_be_visible()
    expect(reply).to_contain_text("CSV spreadsheet")

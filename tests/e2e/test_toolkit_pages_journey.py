"""Journey (the toolkit's pages, axe-checked): a knowledge editor shares a template with a file
and a discussion prompt and features it; a member, on a phone-sized screen, finds it in the
featured strip, downloads the file, says they used it and replies to its prompt."""

import pytest
from playwright.sync_api import expect

from communities.discussions.models import Thread
from communities.models import Role
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory
from toolkit.models import FeaturedResource, ResourceUse

pytestmark = pytest.mark.django_db(transaction=True)

AGENDA = b"item,minutes\nWelcome,5\nOne case,40\n"


def test_editor_shares_and_features_a_template_and_a_member_uses_it(page, new_page, tmp_path):
    community = CommunityFactory(name="Peer Supervisors")
    editor = MembershipFactory(community=community, roles=[Role.KNOWLEDGE_EDITOR]).user
    member = MembershipFactory(community=community).user
    agenda = tmp_path / "agenda.csv"
    agenda.write_bytes(AGENDA)

    log_in(page, editor.email)
    page.goto(f"/cops/{community.slug}/toolkit/")
    expect(page.get_by_text("No resources shared yet.")).to_be_visible()
    page.get_by_role("link", name="Share a resource").first.click()
    page.get_by_label("Kind").select_option(label="Template")
    page.get_by_label("Title").fill("Case review agenda")
    page.get_by_label("File").set_input_files(str(agenda))
    page.get_by_label("Tags").fill("supervision, agendas")
    page.get_by_label("Discussion prompt").fill("What would you add?")
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_role("heading", name="Case review agenda")).to_be_visible()
    page.get_by_role("button", name="Feature").click()
    expect(page.get_by_role("button", name="Un-feature")).to_be_visible()
    assert FeaturedResource.objects.count() == 1

    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, member.email)
    phone.goto(community.get_absolute_url())
    phone.get_by_role("link", name="Open the toolkit").click()
    featured = phone.get_by_role("region", name="Featured")
    featured.get_by_role("link", name="Case review agenda").click()
    with phone.expect_download() as arrival:
        phone.get_by_role("link", name="Download agenda.csv").click()
    assert arrival.value.path().read_bytes() == AGENDA
    phone.get_by_role("button", name="I used this").click()
    expect(phone.get_by_text("You said you used this.")).to_be_visible()
    phone.get_by_label("Your reply").fill("A round of wins first.")
    phone.get_by_role("button", name="Reply").click()
    expect(phone.get_by_text("A round of wins first.")).to_be_visible()
    assert ResourceUse.objects.filter(user=member).exists()
    assert Thread.objects.get().title.startswith("What would you add?")

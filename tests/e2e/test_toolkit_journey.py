"""Journey (the toolkit, SPEC's toolkit issue, axe-checked on every page): a member joins a public
CoP, opens its toolkit, downloads the featured template and replies to its discussion prompt; a
knowledge editor of the CoP features another resource; a knowledge broker, a member of a sibling
CoP of the program too, shares that resource into the sibling, where it shows as shared from the
CoP. Each person works in a browser of their own."""

import pytest
from playwright.sync_api import expect

from communities.discussions.models import Thread
from communities.models import Membership, Role
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.toolkit.factories import ResourceFactory, stored_text_file
from toolkit.models import FeaturedResource, ResourceTally, SharedItem

pytestmark = pytest.mark.django_db(transaction=True)

COP = "Peer Recovery Circle"
SIBLING = "Recovery Housing Network"
TEMPLATE = "Supervision rota template"
TEMPLATE_FILE = "supervision-rota.txt"
TEMPLATE_TEXT = "Supervision rota\nDay:\nPeers on shift:\nWho records:\n"
PROMPT = "How do you cover a shift when a peer is off?"
REPLY = "We keep a standby list, rotated monthly."
CHECKLIST = "Intake checklist"


def test_a_member_uses_the_toolkit_an_editor_features_and_a_broker_shares(page, new_page, steps):
    cop, sibling, editor, broker = a_program_with_two_cops()
    member = UserFactory(email="member.new@example.org", name="Jo Member")

    log_in(page, member.email)
    member_joins_and_opens_the_toolkit(page, steps, cop)
    member_downloads_the_featured_template(page, steps, cop)
    member_replies_to_the_prompt(page, steps)

    editor_page = new_page()
    log_in(editor_page, editor.email)
    editor_features_the_checklist(editor_page, steps, cop)

    broker_page = new_page()
    log_in(broker_page, broker.email)
    broker_shares_the_checklist_into_the_sibling(broker_page, steps, cop, sibling)

    assert Membership.objects.filter(community=cop, user=member).exists()
    thread = Thread.objects.get(community=cop)
    assert thread.title.startswith(PROMPT)
    assert thread.author == member and REPLY in thread.body_html
    assert FeaturedResource.objects.filter(community=cop, resource__title=CHECKLIST).exists()
    shared = SharedItem.objects.get()
    assert (shared.community, shared.source, shared.resource.title) == (sibling, cop, CHECKLIST)


def a_program_with_two_cops():
    program = ProgramFactory()
    cop = CommunityFactory(program=program, name=COP, join_policy="open")
    sibling = CommunityFactory(program=program, name=SIBLING)
    editor = MembershipFactory(
        community=cop, user__name="Kim Editor", roles=[Role.KNOWLEDGE_EDITOR]
    ).user
    broker = MembershipFactory(
        community=cop, user__name="Bo Broker", roles=[Role.KNOWLEDGE_BROKER]
    ).user
    MembershipFactory(community=sibling, user=broker)
    template = ResourceFactory(community=cop, author=editor, title=TEMPLATE, prompt=PROMPT)
    stored_text_file(template, name=TEMPLATE_FILE, text=TEMPLATE_TEXT)
    FeaturedResource.objects.create(community=cop, resource=template, featured_by=editor)
    ResourceFactory(community=cop, author=editor, title=CHECKLIST, description="Steps.")
    return cop, sibling, editor, broker


def member_joins_and_opens_the_toolkit(page, steps, cop) -> None:
    page.goto(cop.get_absolute_url())
    page.get_by_role("button", name="Join this community").click()
    expect(page.get_by_role("alert").filter(has_text=f"Welcome to {COP}!")).to_be_visible()
    page.get_by_role("link", name="Open the toolkit").click()
    expect(page.get_by_role("heading", name="Toolkit", level=1)).to_be_visible()
    steps.shot(page, "member-opened-the-toolkit")


def member_downloads_the_featured_template(page, steps, cop) -> None:
    featured = page.get_by_role("region", name="Featured")
    featured.get_by_role("link", name=TEMPLATE).click()
    expect(page.get_by_role("heading", name=TEMPLATE, level=1)).to_be_visible()
    with page.expect_download() as arrival:
        page.get_by_role("link", name=f"Download {TEMPLATE_FILE}").click()
    download = arrival.value
    assert download.suggested_filename == TEMPLATE_FILE
    assert download.path().read_text() == TEMPLATE_TEXT
    # The count the CoP's knowledge editors read went up with this one download.
    assert ResourceTally.objects.get(community=cop, resource__title=TEMPLATE).downloads == 1
    steps.shot(page, "member-downloaded-the-featured-template")


def member_replies_to_the_prompt(page, steps) -> None:
    prompt = page.get_by_role("region", name="Discussion prompt")
    expect(prompt).to_contain_text(PROMPT)
    prompt.get_by_label("Your reply").fill(REPLY)
    resource_url = page.url
    prompt.get_by_role("button", name="Reply").click()
    # The first reply opens a thread in the CoP's discussions, titled by the prompt.
    opened = page.get_by_role("article").filter(has=page.get_by_role("heading", name=PROMPT))
    expect(opened).to_contain_text(REPLY)
    steps.shot(page, "member-opened-a-thread-by-replying")
    page.goto(resource_url)
    so_far = page.get_by_role("list", name="The discussion so far")
    expect(so_far).to_contain_text(REPLY)
    steps.shot(page, "member-replied-to-the-prompt")


def editor_features_the_checklist(editor_page, steps, cop) -> None:
    editor_page.goto(cop.get_absolute_url())
    editor_page.get_by_role("link", name="Open the toolkit").click()
    featured = editor_page.get_by_role("region", name="Featured")
    expect(featured.get_by_role("link", name=CHECKLIST)).to_have_count(0)
    editor_page.get_by_role("region", name="All resources").get_by_role(
        "link", name=CHECKLIST
    ).click()
    editor_page.get_by_role("button", name="Feature", exact=True).click()
    expect(editor_page.get_by_role("button", name="Un-feature")).to_be_visible()
    breadcrumb = editor_page.get_by_role("navigation", name="Breadcrumb")
    breadcrumb.get_by_role("link", name="Toolkit", exact=True).click()
    expect(featured.get_by_role("link", name=CHECKLIST)).to_be_visible()
    steps.shot(editor_page, "editor-featured-the-checklist")


def broker_shares_the_checklist_into_the_sibling(broker_page, steps, cop, sibling) -> None:
    broker_page.goto(cop.get_absolute_url())
    broker_page.get_by_role("link", name="Open the toolkit").click()
    broker_page.get_by_role("region", name="Featured").get_by_role("link", name=CHECKLIST).click()
    broker_page.get_by_role("link", name="Share into another CoP").click()
    broker_page.get_by_label("Share into").select_option(label=SIBLING)
    broker_page.get_by_label("Why it helps them (optional)").fill("For your intake days.")
    broker_page.get_by_role("button", name="Share", exact=True).click()
    broker_page.goto(sibling.get_absolute_url())
    broker_page.get_by_role("link", name="Open the toolkit").click()
    shared = broker_page.get_by_role("region", name="Shared with us")
    expect(shared.get_by_role("listitem").filter(has_text=CHECKLIST)).to_contain_text(
        f"shared from {COP}"
    )
    shared.get_by_role("link", name=CHECKLIST).click()
    expect(broker_page.get_by_role("main")).to_contain_text("For your intake days.")
    steps.shot(broker_page, "broker-shared-the-checklist-into-the-sibling")

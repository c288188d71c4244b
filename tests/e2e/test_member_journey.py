"""Journey 2 of SPEC §9: a member finds a public CoP in the directory, joins it, replies to a
question, marks its answer helpful, downloads the template its knowledge editor featured in the
toolkit, and answers a ping the facilitator sends, from the ping's email. The facilitator works
in a browser of their own."""

import re

import pytest
from playwright.sync_api import Locator, expect

from communities.models import Membership, PingAnswer, Post, Reaction, Role
from tests.e2e.sign_in import log_in
from tests.e2e.steps import Steps
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
)
from tests.toolkit.factories import ResourceFactory, stored_text_file
from toolkit.models import FeaturedResource, ResourceTally

pytestmark = pytest.mark.django_db(transaction=True)

COP = "Peer Recovery Circle"
QUESTION = "How do you schedule supervision for part-time peers?"
ANSWER = "We meet on the one day everyone overlaps."
REPLY = "Same here, and we record it for whoever is off that day."
PING = "Which day suits the next meeting?"
PHONE = {"width": 390, "height": 844}
TEMPLATE = "Supervision rota template"
TEMPLATE_FILE = "supervision-rota.txt"
TEMPLATE_TEXT = "Supervision rota\nDay:\nPeers on shift:\nWho records:\n"


def test_a_member_finds_joins_talks_and_answers_a_ping(page, new_page, steps, mailoutbox):
    journey_two(page, new_page, steps, mailoutbox)


def test_journey_two_on_a_phone_sized_screen(page, new_page, steps, mailoutbox, monkeypatch):
    """The same journey at 390 x 844: no page scrolls sideways, and every control the member
    uses is scrolled into view and lies within the screen's width before it is used."""
    page.set_viewport_size(PHONE)
    fits_the_screen(monkeypatch, page)
    journey_two(page, new_page, steps, mailoutbox)


def journey_two(page, new_page, steps, mailoutbox):
    cop, facilitator = a_public_cop_with_an_answered_question()
    member = UserFactory(email="member.new@example.org", name="Jo Member")

    log_in(page, member.email)
    member_finds_the_cop_in_the_directory(page, steps)
    member_joins(page, steps)
    member_replies_to_the_question(page, steps)
    member_marks_the_answer_helpful(page, steps)
    member_downloads_a_featured_template(page, steps)

    lead = new_page()
    log_in(lead, facilitator.email)
    facilitator_sends_a_ping(lead, steps, cop)
    member_answers_the_ping_from_its_email(page, steps, mailoutbox, member.email)

    assert Membership.objects.filter(community=cop, user=member).exists()
    assert Post.objects.filter(thread__community=cop, author=member).count() == 1
    assert Reaction.objects.get(user=member).post.body_html == f"<p>{ANSWER}</p>"
    assert PingAnswer.objects.get(user=member).choice == "Thursday"
    assert ResourceTally.objects.get(community=cop, resource__title=TEMPLATE).downloads == 1


SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def fits_the_screen(monkeypatch, phone) -> None:
    """Before each action of the member's browser (and each screenshot of it): the page does not
    scroll sideways, and the control is scrolled into view, inside the screen's width."""

    def no_sideways_scroll(page) -> None:
        # The action before may have started a navigation: measure the page it lands on, not a
        # document between two pages (which has no root element yet).
        page.wait_for_load_state()
        overflow = page.evaluate(SIDEWAYS_JS)
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"

    def checked(action):
        def wrapper(locator, *args, **kwargs):
            if locator.page.context is phone.context:
                no_sideways_scroll(locator.page)
                locator.scroll_into_view_if_needed()
                box = locator.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (
                    f"{locator} is outside the screen ({box}) on {locator.page.url}"
                )
            return action(locator, *args, **kwargs)

        return wrapper

    for name in ("click", "fill", "check"):
        monkeypatch.setattr(Locator, name, checked(getattr(Locator, name)))
    shot = Steps.shot

    def shot_that_fits(steps, page, step):
        if page.context is phone.context:
            no_sideways_scroll(page)
        return shot(steps, page, step)

    monkeypatch.setattr(Steps, "shot", shot_that_fits)


def a_public_cop_with_an_answered_question():
    cop = CommunityFactory(name=COP, domain="peer recovery support", join_policy="open")
    CommunityFactory(name="School Meals Network", domain="school nutrition programs")
    facilitator = MembershipFactory(
        community=cop, user__email="lead@example.org", roles=[Role.FACILITATOR]
    ).user
    asker = MembershipFactory(community=cop, user__name="Asha Asker").user
    helper = MembershipFactory(community=cop, user__name="Hal Helper").user
    thread = ThreadFactory(community=cop, author=asker, kind="question", title=QUESTION)
    PostFactory(thread=thread, author=helper, body_html=f"<p>{ANSWER}</p>")
    a_featured_template(cop, facilitator)
    return cop, facilitator


def a_featured_template(cop, editor) -> None:
    template = ResourceFactory(community=cop, author=editor, title=TEMPLATE)
    stored_text_file(template, name=TEMPLATE_FILE, text=TEMPLATE_TEXT)
    FeaturedResource.objects.create(community=cop, resource=template, featured_by=editor)


def member_finds_the_cop_in_the_directory(page, steps) -> None:
    menu = page.get_by_role("button", name="Toggle navigation")
    if menu.is_visible():  # a narrow screen folds the main menu behind its button
        menu.click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Directory").click()
    page.get_by_label("Search name, shared concern or description").fill("recovery")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("article")).to_have_count(1)
    expect(page.get_by_role("article", name=COP)).to_be_visible()
    steps.shot(page, "member-finds-the-cop")


def member_joins(page, steps) -> None:
    page.get_by_role("link", name=COP).click()
    page.get_by_role("button", name="Join this community").click()
    expect(page.get_by_role("alert").filter(has_text=f"Welcome to {COP}!")).to_be_visible()
    steps.shot(page, "member-joined")


def member_replies_to_the_question(page, steps) -> None:
    page.get_by_role("link", name="Discussions", exact=True).click()
    page.get_by_role("link", name=QUESTION).click()
    page.get_by_label("Your reply").fill(REPLY)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("article", name="Reply by Jo Member")).to_contain_text(REPLY)
    steps.shot(page, "member-replied")


def member_marks_the_answer_helpful(page, steps) -> None:
    answer = page.get_by_role("article", name="Reply by Hal Helper")
    helpful = answer.get_by_role("button", name="Helpful")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful).to_contain_text("1")
    steps.shot(page, "member-marked-the-answer-helpful")


def member_downloads_a_featured_template(page, steps) -> None:
    page.get_by_role("link", name=COP, exact=True).first.click()
    page.get_by_role("link", name="Open the toolkit").click()
    featured = page.get_by_role("region", name="Featured")
    featured.get_by_role("link", name=TEMPLATE).click()
    expect(page.get_by_role("heading", name=TEMPLATE, level=1)).to_be_visible()
    with page.expect_download() as arrival:
        page.get_by_role("link", name=f"Download {TEMPLATE_FILE}").click()
    download = arrival.value
    assert download.suggested_filename == TEMPLATE_FILE
    assert download.path().read_text() == TEMPLATE_TEXT
    # The count the CoP's knowledge editors read on the resource's page went up.
    assert ResourceTally.objects.get(resource__title=TEMPLATE).downloads == 1
    steps.shot(page, "member-downloaded-a-featured-template")


def facilitator_sends_a_ping(lead, steps, cop) -> None:
    lead.goto(cop.get_absolute_url())
    lead.get_by_role("link", name="Pings").click()
    lead.get_by_role("link", name="Send a ping").click()
    lead.get_by_label("Question").fill(PING)
    lead.get_by_label("Choices (optional)").fill("Tuesday\nThursday")
    lead.get_by_label("Answers close").fill("2099-01-01T10:00")
    lead.get_by_role("button", name="Send the ping").click()
    expect(lead.get_by_role("alert").filter(has_text="Ping sent to every member.")).to_be_visible()
    steps.shot(lead, "facilitator-sent-a-ping")


def member_answers_the_ping_from_its_email(page, steps, mailoutbox, address: str) -> None:
    mail = next(m for m in mailoutbox if m.to == [address] and PING in m.body)
    # The email's link opens in a new tab of the member's browser, where they are logged in.
    tab = page.context.new_page()
    tab.set_viewport_size(page.viewport_size)
    tab.goto(re.search(r"See the ping and its answers: (\S+)", mail.body).group(1))
    expect(tab.get_by_role("heading", name=PING)).to_be_visible()
    tab.get_by_label("Thursday").check()
    tab.get_by_role("button", name="Send my answer").click()
    expect(tab.get_by_role("alert").filter(has_text="your answer is saved")).to_be_visible()
    steps.shot(tab, "member-answered-the-ping")

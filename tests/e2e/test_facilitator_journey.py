"""Journey 1 of SPEC §9, across three people and their own browsers: a facilitator signs up and
confirms the address from the email, starts a private CoP, writes its charter in steps, invites
two people by email and schedules a weekly meeting. One invitee signs up from the invitation
link, the other already has an account and logs in from it; each answers Yes for the next
meeting; one starts a thread and the other replies. The facilitator then sees both answers in
the meeting's counts and the thread with its reply.

Every email is read from the outbox and its link followed as a person would; every page is
checked by axe (conftest.py); each step leaves a screenshot under tests/e2e/artifacts/."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from communities.models import Community, Membership, Post, Role, Thread, Visibility
from meetings.models import Charter, Meeting, Rsvp
from tests.e2e.emails import link_to
from tests.e2e.meeting_steps import fill_the_charter_in_steps, schedule_weekly_virtual_check_in
from tests.e2e.sign_in import PASSWORD_LABEL, log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Pr4ctice-makes-community"  # noqa: S105
COP = "Recovery Leaders Circle"
FACILITATOR = "lead.new@example.org"
NEWCOMER = "newcomer@example.org"  # has no account yet
MEMBER = "has.account@example.org"  # has one
TITLE = "How do you cover the on-call rota in holiday weeks?"
REPLY = "We swap two weeks with the county team and post the rota a month ahead."


def test_a_facilitator_starts_a_private_cop_and_two_invitees_meet_and_talk(
    page, new_page, steps, mailoutbox
):
    UserFactory(email=MEMBER, name="Morgan Member")
    sign_up_and_confirm(page, steps, mailoutbox)
    cop_url = start_a_private_cop(page, steps)
    write_the_charter(page, steps)
    invite_two_people(page, steps)
    schedule_a_weekly_meeting(page, steps)

    newcomer = new_page()
    sign_up_from_the_invitation(newcomer, steps, mailoutbox)
    member = new_page()
    accept_the_invitation_after_logging_in(member, steps, mailoutbox)
    for person, who in ((newcomer, "newcomer"), (member, "member")):
        answer_yes_for_the_next_meeting(person, steps, cop_url, who)
    thread_url = start_a_thread(newcomer, steps, cop_url)
    reply_to_the_thread(member, steps, thread_url)
    read_the_reply_from_its_email(newcomer, steps, mailoutbox)

    see_the_answers_and_the_reply(page, steps, cop_url)

    community = Community.objects.get(name=COP)
    assert community.visibility == Visibility.PRIVATE
    lead = Membership.objects.get(community=community, user__email=FACILITATOR)
    assert lead.roles.filter(role=Role.FACILITATOR).exists()
    assert set(community.memberships.values_list("user__email", flat=True)) == {
        FACILITATOR,
        NEWCOMER,
        MEMBER,
    }
    assert Charter.objects.get(community=community).is_published
    meeting = Meeting.objects.get(community=community)
    assert meeting.recurrence == "weekly"
    answers = Rsvp.objects.filter(meeting=meeting)
    assert sorted(answers.values_list("member__email", "response")) == [
        (MEMBER, "yes"),
        (NEWCOMER, "yes"),
    ]
    assert len({answer.occurrence_start for answer in answers}) == 1
    thread = Thread.objects.get(community=community)
    assert (thread.title, thread.author.email) == (TITLE, NEWCOMER)
    assert Post.objects.get(thread=thread).author.email == MEMBER


def sign_up_and_confirm(page, steps, mailoutbox) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill(FACILITATOR)
    page.get_by_label(PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    steps.shot(page, "facilitator-signed-up")

    page.goto(link_to(mailoutbox, FACILITATOR, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    log_in(page, FACILITATOR, NEW_PASSWORD)
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    steps.shot(page, "facilitator-confirmed-and-logged-in")


def start_a_private_cop(page, steps) -> str:
    page.get_by_role("link", name="Start a community").first.click()
    page.get_by_label("Name", exact=False).first.fill(COP)
    page.get_by_label("Shared concern").fill("leading peer recovery programs")
    page.get_by_label("Private: only members see it").check()
    page.get_by_label("Invitation only").check()
    steps.shot(page, "cop-form-filled")
    page.get_by_role("button", name="Create the community").click()
    expect(page.get_by_role("heading", name=COP, level=1)).to_be_visible()
    steps.shot(page, "cop-created")
    return page.url


def write_the_charter(page, steps) -> None:
    page.get_by_role("link", name="Charter", exact=True).click()
    page.get_by_role("link", name="Start the charter").click()
    fill_the_charter_in_steps(page, lambda name: steps.shot(page, name))
    steps.shot(page, "charter-published")


def invite_two_people(page, steps) -> None:
    page.get_by_role("link", name=COP).first.click()
    page.get_by_role("link", name="Invite members").click()
    page.get_by_label("Email addresses").fill(f"{NEWCOMER}\n{MEMBER}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Done: 0 added, 2 invited, 0 skipped.")).to_be_visible()
    steps.shot(page, "two-invited")


def schedule_a_weekly_meeting(page, steps) -> None:
    page.get_by_role("link", name=COP).first.click()
    page.get_by_role("link", name="All meetings").click()
    schedule_weekly_virtual_check_in(page, dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2))
    expect(page.get_by_role("alert").filter(has_text="Meeting scheduled.")).to_be_visible()
    steps.shot(page, "weekly-meeting-scheduled")


def sign_up_from_the_invitation(newcomer, steps, mailoutbox) -> None:
    """No account yet: the link leads to a sign-up with the address filled in, and joins."""
    newcomer.goto(link_to(mailoutbox, NEWCOMER, "/invitations/"))
    steps.shot(newcomer, "newcomer-opens-the-invitation")
    newcomer.get_by_role("link", name="Create my account and join").click()
    expect(newcomer.get_by_label("Email")).to_have_value(NEWCOMER)
    newcomer.get_by_label(PASSWORD_LABEL).fill(NEW_PASSWORD)
    newcomer.get_by_label("Password (again)").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Sign Up").click()
    expect(newcomer.get_by_role("link", name=COP).first).to_be_visible()
    steps.shot(newcomer, "newcomer-joined")


def accept_the_invitation_after_logging_in(member, steps, mailoutbox) -> None:
    """An account already: the link asks to log in, comes back, and one button accepts."""
    member.goto(link_to(mailoutbox, MEMBER, "/invitations/"))
    member.get_by_label("Email").fill(MEMBER)
    member.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    member.get_by_role("button", name="Sign In").click()
    steps.shot(member, "member-sees-the-invitation")
    member.get_by_role("button", name="Accept the invitation").click()
    expect(member.get_by_role("alert").filter(has_text=f"Welcome to {COP}")).to_be_visible()
    steps.shot(member, "member-joined")


def answer_yes_for_the_next_meeting(person, steps, cop_url: str, who: str) -> None:
    person.goto(cop_url)
    panel = person.get_by_role("region", name="Next meetings")
    expect(panel.get_by_text("A shared on-call rota")).to_be_visible()
    panel.get_by_role("link", name="Not answered yet").first.click()
    person.get_by_role("group").first.get_by_role("button", name="Yes").click()
    expect(person.get_by_role("status").filter(has_text="Your answer is saved.")).to_be_visible()
    steps.shot(person, f"{who}-answers-yes")


def start_a_thread(newcomer, steps, cop_url: str) -> str:
    newcomer.goto(cop_url)
    newcomer.get_by_role("link", name="Discussions", exact=True).click()
    newcomer.get_by_role("link", name="Start a thread").first.click()
    newcomer.get_by_label("Kind").select_option(label="Question")
    newcomer.get_by_label("Title").fill(TITLE)
    newcomer.get_by_label("Text").fill("Two of our five peers are away in **August**. Ideas?")
    newcomer.get_by_role("button", name="Post", exact=True).click()
    expect(newcomer.get_by_role("heading", name=TITLE)).to_be_visible()
    steps.shot(newcomer, "newcomer-starts-a-thread")
    return newcomer.url


def reply_to_the_thread(member, steps, thread_url: str) -> None:
    member.goto(thread_url)
    member.get_by_label("Your reply").fill(REPLY)
    member.get_by_role("button", name="Post reply").click()
    expect(member.get_by_text(REPLY)).to_be_visible()
    steps.shot(member, "member-replies")


def read_the_reply_from_its_email(newcomer, steps, mailoutbox) -> None:
    """The asker follows their own thread, so the reply reaches them by email; its link opens
    in a new tab (the old one still shows the thread, and a link that differs from it only by
    its #fragment would merely scroll)."""
    tab = newcomer.context.new_page()
    tab.goto(link_to(mailoutbox, NEWCOMER, "/discussions/"))
    expect(tab.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(tab.get_by_role("article", name="Reply by Morgan Member")).to_contain_text(REPLY)
    steps.shot(tab, "newcomer-follows-the-reply-email")


def see_the_answers_and_the_reply(page, steps, cop_url: str) -> None:
    page.goto(cop_url)
    page.get_by_role("link", name="All meetings").click()
    page.get_by_role("link", name="Weekly check-in").first.click()
    coming = page.get_by_role("region", name=re.compile("Coming up"))
    expect(coming.get_by_text("Yes 2 · No 0 · Maybe 0")).to_have_count(1)
    # Only the facilitator, who has not answered, is still waited for.
    waiting = page.get_by_role("region", name=re.compile("Not answered yet"))
    expect(waiting).to_contain_text("@lead_new")
    expect(waiting).not_to_contain_text("Morgan Member")
    expect(waiting).not_to_contain_text("newcomer")
    steps.shot(page, "facilitator-sees-two-yes")

    page.goto(cop_url)
    page.get_by_role("link", name="Discussions", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    reply = page.get_by_role("article", name="Reply by Morgan Member")
    expect(reply).to_contain_text(REPLY)
    # The moderator's Hide button once wrapped to "Hid / e" beside the reason field.
    one_line = reply.get_by_role("button", name="Helpful").bounding_box()["height"]
    assert reply.get_by_role("button", name="Hide").bounding_box()["height"] <= one_line
    steps.shot(page, "facilitator-reads-the-reply")

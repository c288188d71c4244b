"""Journey 3 of SPEC §9, across people and their own browsers: a TTA leader — an account staff
marked as one — creates a program, brings in three CoPs they co-facilitate, assigns a TTA
provider to one, and schedules an anonymous evaluation for the whole program. When the beat
opens it, every member of the three CoPs, and nobody else, gets a personal link by email; a
member opens it without logging in, answers, and cannot answer twice; the leader then reminds
the members who have not answered, and only they are emailed again.

Then the dashboards (steps in tta_dashboard_steps.py). The CoPs' activity is set up with the
people: a question nobody answered for 20 days in one (watch), recent posts in another
(healthy); the provider records a check-in saying the third is at risk, in their own browser.
The leader hands that CoP back to its facilitator, finds it on top of their home page with its
reason, refreshes the program's dashboard, reads each flag with its reason, sorts and filters,
sees both charts drawn from the figures beside them, downloads the CSV, and opens the CoP's
dashboard: its figures and charts, no member's row (SPEC §6), which its facilitator does see.
Every email is read from the outbox and its link followed; every page is checked by axe
(conftest.py); each step leaves a screenshot under tests/e2e/artifacts/."""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from communities.discussions.models import Thread, ThreadKind
from communities.models import Community, Program, User
from oversight.models import Answer, Evaluation, Responded, SurveyResponse
from oversight.tasks import open_evaluations_task, send_checkin_mail_task
from tests.e2e.emails import link_to, recipients_of
from tests.e2e.sign_in import log_in
from tests.e2e.tta_dashboard_steps import (
    facilitator_sees_the_member_rows,
    leader_downloads_the_csv,
    leader_goes_back_to_the_program_and_home,
    leader_hands_the_supported_cop_back,
    leader_opens_a_cop_dashboard_without_member_rows,
    leader_reads_each_flag_with_its_reason,
    leader_reads_their_home,
    leader_refreshes_the_program_dashboard,
    leader_sorts_and_filters,
    provider_records_an_at_risk_checkin,
    provider_sees_no_member_rows,
    the_charts_have_drawn_the_figures_beside_them,
)
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = "Peer Workforce TTA 2027"
EVALUATION = "Spring value check"
INVITATION_SUBJECT = "A short survey about "
REMINDER_SUBJECT = "Reminder: a short survey about "
SESSION_COOKIE = settings.SESSION_COOKIE_NAME
OPEN_ANSWER = "I now run our supervision rota the way the county team showed us."


@dataclass(frozen=True)
class Cop:
    name: str
    slug: str
    facilitator: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Cast:
    """Who takes part, by email address, and the three CoPs the leader brings in."""

    leader: str
    provider: str
    outsider: str  # a member of a CoP outside the program
    cops: tuple[Cop, ...]
    program: str = PROGRAM  # the program the leader creates

    @property
    def respondent(self) -> str:
        """The member who answers the survey."""
        return self.cops[0].members[0]

    @property
    def respondent_cop(self) -> Cop:
        """The respondent's CoP."""
        return self.cops[0]

    @property
    def supported(self) -> Cop:
        """The CoP that gets a TTA provider; its check-in says it is at risk."""
        return self.cops[1]

    @property
    def watched(self) -> Cop:
        """The CoP whose question has waited 20 days for a reply."""
        return self.cops[0]

    @property
    def healthy(self) -> Cop:
        """The CoP busy with recent posts."""
        return self.cops[2]

    # Threads and replies the CoPs wrote in the last twelve weeks (`give_the_cops_activity`).
    posts_in_weeks: int = 6

    @property
    def dashboard(self) -> str:
        """The program dashboard's heading, and its link's name on the leader's home."""
        return f"{self.program}: dashboard"

    def members_of_the_program(self) -> set[str]:
        everyone = {self.leader}
        for cop in self.cops:
            everyone |= {cop.facilitator, *cop.members}
        return everyone


@pytest.fixture
def cast() -> Cast:
    """Three stand-alone CoPs, each with its own facilitator and members, which the TTA leader
    co-facilitates (a leader may bring into a program only CoPs they facilitate); a provider
    with an account; and someone in a CoP that stays outside the program."""
    leader = UserFactory(email="tta.lead@example.org", name="Program Leader", is_tta_leader=True)
    UserFactory(email="provider@example.org", name="Assigned Provider")
    cops = []
    for number, (name, slug) in enumerate(
        (
            ("Harbour Peer Supporters", "harbour-peers"),
            ("Valley Recovery Coaches", "valley-coaches"),
            ("Northside Family Navigators", "northside-navigators"),
        ),
        start=1,
    ):
        community = CommunityFactory(name=name, slug=slug)
        MembershipFactory(community=community, user=leader, roles=["facilitator"])
        facilitator = MembershipFactory(
            community=community,
            user__email=f"facilitator{number}@example.org",
            roles=["facilitator"],
        ).user
        members = tuple(
            MembershipFactory(
                community=community, user__email=f"member{number}{n}@example.org"
            ).user.email
            for n in (1, 2)
        )
        cops.append(Cop(name, slug, facilitator.email, members))
    outside = CommunityFactory(name="Coastal Housing Circle", slug="coastal-housing")
    outsider = MembershipFactory(community=outside, user__email="outsider@example.org").user
    cast = Cast(
        leader=leader.email,
        provider="provider@example.org",
        outsider=outsider.email,
        cops=tuple(cops),
    )
    give_the_cops_activity(cast)
    return cast


def give_the_cops_activity(cast: Cast) -> None:
    """What the CoPs did before the program began, so their flags differ: in the watched CoP a
    question nobody answered, opened 20 days ago; in the supported one a discussion of last
    week with a reply (its check-in, later, says it is at risk); in the healthy one a lively
    thread of the last few days. Six posts in all (threads and their replies)."""
    now = timezone.now()
    people = {user.email: user for user in User.objects.all()}

    def thread(cop: Cop, kind, title: str, days_ago: int, replies: int = 0) -> None:
        opened = ThreadFactory(
            community=Community.objects.get(slug=cop.slug),
            kind=kind,
            title=title,
            author=people[cop.members[1]],
            created_at=now - dt.timedelta(days=days_ago),
        )
        replied = now - dt.timedelta(days=days_ago - 1)
        for number in range(replies):
            PostFactory(
                thread=opened,
                author=people[cop.members[0] if number % 2 == 0 else cop.facilitator],
                created_at=replied,
            )
        Thread.objects.filter(pk=opened.pk).update(
            reply_count=replies, last_activity_at=replied if replies else opened.created_at
        )

    thread(cast.watched, ThreadKind.QUESTION, "Who covers the night shift rota?", days_ago=20)
    thread(cast.supported, ThreadKind.GENERAL, "Caseloads after the merger", days_ago=8, replies=1)
    thread(cast.healthy, ThreadKind.GENERAL, "Our first family evening", days_ago=3, replies=2)


def test_a_tta_leader_evaluates_a_program_and_reminds_non_respondents(
    page, new_page, steps, mailoutbox, cast
):
    log_in(page, cast.leader)
    leader_creates_the_program(page, steps, cast.leader)
    leader_adds_the_three_cops(page, steps, cast)
    leader_assigns_a_provider(page, steps, cast)
    leader_schedules_an_evaluation_for_the_program(page, steps)

    the_beat_opens_the_evaluation(mailoutbox, cast)

    member = new_page()
    member_answers_from_the_email_link(member, steps, mailoutbox, cast.respondent)
    member_cannot_answer_twice(member, steps, mailoutbox, cast.respondent)

    leader_reminds_non_respondents(page, steps, cast)
    only_non_respondents_are_reminded(mailoutbox, cast)

    # The dashboard part: the CoPs' activity was set up with the people (`cast`); the
    # provider's check-in is the one figure that comes through a browser.
    the_beat_arms_the_checkins(cast)
    provider = new_page()
    log_in(provider, cast.provider)
    provider_records_an_at_risk_checkin(provider, steps, cast)

    leader_hands_the_supported_cop_back(page, steps, cast)
    leader_reads_their_home(page, steps, cast)
    leader_refreshes_the_program_dashboard(page, steps, cast)
    leader_reads_each_flag_with_its_reason(page, steps, cast)
    leader_sorts_and_filters(page, steps, cast)
    the_charts_have_drawn_the_figures_beside_them(page, steps, posts=cast.posts_in_weeks)
    leader_downloads_the_csv(page, steps, cast)
    leader_opens_a_cop_dashboard_without_member_rows(page, steps, cast)
    leader_goes_back_to_the_program_and_home(page, steps, cast)

    facilitator = new_page()
    log_in(facilitator, cast.supported.facilitator)
    facilitator_sees_the_member_rows(facilitator, steps, cast)
    provider_sees_no_member_rows(provider, steps, cast)


# The leader's steps ----------------------------------------------------------------------


def leader_creates_the_program(page: Page, steps, leader: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs").click()
    page.get_by_role("link", name="Create a program").click()
    page.get_by_role("textbox", name=re.compile(r"^Name")).fill(PROGRAM)
    page.get_by_label("Description").fill("Technical assistance for the region's peer workforce.")
    steps.shot(page, "leader-fills-the-program")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_role("heading", name=PROGRAM, level=1)).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="Program created.")).to_be_visible()
    steps.shot(page, "program-created")
    leaders = Program.objects.get(name=PROGRAM).leaders.values_list("email", flat=True)
    assert list(leaders) == [leader]


def leader_adds_the_three_cops(page: Page, steps, cast: Cast) -> None:
    add = page.get_by_role("region", name="Add a community")
    for cop in cast.cops:
        add.get_by_label("Community").select_option(label=cop.name)
        add.get_by_role("button", name="Add").click()
        expect(page.get_by_role("alert").filter(has_text=f"{cop.name} is now part")).to_be_visible()
    communities = page.get_by_role("table", name="Communities of the program")
    for cop in cast.cops:
        expect(communities.get_by_role("link", name=cop.name)).to_be_visible()
    steps.shot(page, "three-cops-added")
    program = Program.objects.get(name=PROGRAM)
    assert set(program.communities.values_list("slug", flat=True)) == {c.slug for c in cast.cops}


def leader_assigns_a_provider(page: Page, steps, cast: Cast) -> None:
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=cast.supported.name))
    row.get_by_text("Assign a provider").click()
    row.get_by_label(f"Email of the TTA provider for {cast.supported.name}").fill(cast.provider)
    row.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("alert").filter(has_text="supports")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=cast.supported.name))
    expect(row).to_contain_text("Assigned Provider")
    # The Add button beside the leader's address field once wrapped to "Ad / d".
    add_leader = page.get_by_role("region", name="Add a TTA leader")
    assert lines_of(add_leader.get_by_role("button", name="Add")) == 1
    steps.shot(page, "provider-assigned")
    assert Community.objects.get(slug=cast.supported.slug).provider.email == cast.provider


def leader_schedules_an_evaluation_for_the_program(page: Page, steps) -> None:
    page.get_by_role("link", name="Evaluations and results").click()
    expect(page.get_by_role("heading", name="Evaluations of the program's CoPs")).to_be_visible()
    today = timezone.localdate()
    page.get_by_label("Title").fill(EVALUATION)
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + dt.timedelta(days=7)).isoformat())
    expect(page.get_by_label("Anonymous")).to_be_checked()
    steps.shot(page, "evaluation-form-filled")
    page.get_by_role("button", name="Schedule evaluation").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Evaluation scheduled for 3 CoPs. It opens today: members get their links by email"
    )
    # Until the beat has run, the leader reads that the invitations are on their way.
    table = page.get_by_role("table", name="Evaluations of the program's CoPs")
    expect(table).to_contain_text("invitations on their way")
    steps.shot(page, "evaluation-scheduled")


def leader_reminds_non_respondents(page: Page, steps, cast: Cast) -> None:
    page.reload()
    table = page.get_by_role("table", name="Evaluations of the program's CoPs")
    # One group of rows for the evaluation: its links once, then each CoP's answers.
    expect(table.get_by_role("link", name="Remind non-respondents")).to_have_count(1)
    expect(table).not_to_contain_text("invitations on their way")
    answered = table.get_by_role("row").filter(has_text=cast.respondent_cop.name)
    expect(answered.get_by_role("cell").nth(1)).to_have_text("1")
    # A crowded table once squeezed its headings to a letter's width ("Answere / d").
    for heading in table.get_by_role("columnheader").all():
        assert lines_of(heading) == 1, heading.text_content()
    steps.shot(page, "leader-sees-one-answer")
    table.get_by_role("link", name="Remind non-respondents").click()
    expect(page.get_by_role("heading", name="Remind non-respondents")).to_be_visible()
    expect(page.get_by_text(f"“{EVALUATION}” is open in 3 CoPs.")).to_be_visible()
    steps.shot(page, "leader-confirms-the-reminder")
    page.get_by_role("button", name="Send reminders").click()
    expect(page.get_by_role("alert").filter(has_text="Reminders are on their way")).to_be_visible()
    steps.shot(page, "reminders-sent")


LINES_JS = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
}"""


def lines_of(locator) -> int:
    """How many lines the element's text is laid out on."""
    return locator.evaluate(LINES_JS)


# The beat and the outbox -----------------------------------------------------------------


def the_beat_opens_the_evaluation(mailoutbox, cast: Cast) -> None:
    """What the worker runs when beat wakes it: the evaluation opens today, so each member of
    the program's CoPs gets their personal link; nobody outside them does."""
    assert not recipients_of(mailoutbox, INVITATION_SUBJECT)
    open_evaluations_task()
    invited = recipients_of(mailoutbox, INVITATION_SUBJECT)
    assert set(invited) == cast.members_of_the_program()
    # The leader co-facilitates all three CoPs, so they are invited once by each.
    for cop in cast.cops:
        for address in (cop.facilitator, *cop.members):
            assert invited.count(address) == 1, address
    assert invited.count(cast.leader) == len(cast.cops)
    assert cast.provider not in invited
    assert cast.outsider not in invited
    assert Evaluation.objects.filter(invited_at__isnull=False).count() == len(cast.cops)


def the_beat_arms_the_checkins(cast: Cast) -> None:
    """Within a minute of joining the program, each CoP has its check-in plan (the beat's
    first step of `send_checkin_mail_task`): the provider's check-ins start from there."""
    send_checkin_mail_task()
    for cop in cast.cops:
        assert Community.objects.get(slug=cop.slug).checkin_plan.next_due_on is not None


def only_non_respondents_are_reminded(mailoutbox, cast: Cast) -> None:
    reminded = recipients_of(mailoutbox, REMINDER_SUBJECT)
    waiting = cast.members_of_the_program() - {cast.respondent}
    assert set(reminded) == waiting
    assert cast.respondent not in reminded
    assert cast.provider not in reminded
    assert cast.outsider not in reminded


# The member's steps ----------------------------------------------------------------------


def member_answers_from_the_email_link(
    member: Page, steps, mailoutbox, address: str, likert: str = "4"
) -> None:
    """Not logged in: the personal link alone opens the survey. Every Likert question gets
    `likert`, so further members may answer differently."""
    known = set(SurveyResponse.objects.values_list("pk", flat=True))
    member.goto(link_to(mailoutbox, address, "/survey/"))
    expect(member.get_by_role("heading", name=EVALUATION)).to_be_visible()
    # Nobody is logged in in this browser, before or after: the link alone is the key.
    assert SESSION_COOKIE not in {cookie["name"] for cookie in member.context.cookies()}
    # The five Likert questions of the value-creation framework, on the 1-5 scale.
    scales = member.get_by_role("group", name=re.compile(r"^\w+ value: "))
    expect(scales).to_have_count(5)
    for group in scales.all():
        group.get_by_label(likert, exact=True).check()
    member.get_by_role("group", name="How often did you take part this period?").get_by_label(
        "A few times a month"
    ).check()
    member.get_by_label("Meetings").check()
    member.get_by_label("Tell us about one thing you did differently").fill(OPEN_ANSWER)
    steps.shot(member, f"{handle(address)}-answers-the-survey")
    member.get_by_role("button", name="Send my answers").click()
    expect(member.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(
        member.get_by_role("status").filter(has_text="Your answers were received, with no link")
    ).to_be_visible()
    steps.shot(member, f"{handle(address)}-thanked")
    assert SESSION_COOKIE not in {cookie["name"] for cookie in member.context.cookies()}

    assert Responded.objects.filter(person__email=address).count() == 1
    response = SurveyResponse.objects.exclude(pk__in=known).get()
    assert response.person_id is None  # anonymous: the answer names nobody
    assert Answer.objects.filter(response=response, likert=int(likert)).count() == 5
    assert Answer.objects.get(response=response, text__gt="").text == OPEN_ANSWER


def member_cannot_answer_twice(member: Page, steps, mailoutbox, address: str) -> None:
    answers = SurveyResponse.objects.count()
    member.goto(link_to(mailoutbox, address, "/survey/"))
    expect(
        member.get_by_role("status").filter(has_text="Your answers were already received.")
    ).to_be_visible()
    expect(member.get_by_role("button", name="Send my answers")).to_have_count(0)
    steps.shot(member, f"{handle(address)}-link-already-used")
    assert SurveyResponse.objects.count() == answers


def handle(address: str) -> str:
    """A step's name for the person: the address before the @."""
    return address.partition("@")[0]

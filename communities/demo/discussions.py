"""Demo discussions: threads of every kind, replies, helpful marks and an open report."""

import datetime as dt

from django.utils import timezone

from communities.demo.attachments import seed_attachments
from communities.discussions.markdown import mentioned_handles, render_markdown
from communities.models import (
    Community,
    Post,
    Reaction,
    Report,
    Thread,
    ThreadFollow,
    ThreadKind,
    User,
)

# Discussions: each kind of thread in two CoPs, with replies, an accepted answer, helpful marks,
# a pinned thread and a report waiting for the moderators. `days_ago` dates each thread; its
# replies follow a few hours apart. A reply may carry `helpful` (who found it helpful),
# `accepted` (the question's answer) and `report` ((reporter, reason), left open). A thread or a
# reply may carry `files`: (name, text) pairs it has attached.
DEMO_THREADS = {
    "recovery-leaders": [
        {
            "kind": ThreadKind.GENERAL,
            "author": "facilitator@example.org",
            "title": "Start here: how we use discussions in this CoP",
            "pinned": True,
            "days_ago": 40,
            "body": (
                "Welcome! A few agreements so this stays a safe place to think out loud:\n\n"
                "1. **What is said here stays here.** This CoP is private; please don't "
                "forward threads outside it.\n"
                "2. **No identifying details** about people in care or staff. Change names, "
                "dates and places.\n"
                "3. Ask as a *question* when you want an answer; share a *case study* or a "
                "*best practice* when you want to give one.\n\n"
                "Something looks wrong? Use **Report** on the reply and @moderator will take "
                "a look."
            ),
            "replies": [
                {
                    "author": "member@example.org",
                    "body": "Thanks, this is helpful. Could we also agree to tag questions "
                    "that need an answer before a board meeting?",
                },
            ],
        },
        {
            "kind": ThreadKind.QUESTION,
            "author": "member@example.org",
            "title": "How do you keep peer positions funded when a grant ends mid-year?",
            "days_ago": 12,
            "body": (
                "Our state opioid response grant ends in June and it pays for **three peer "
                "recovery specialists**. The county budget cycle starts in July, so we have a "
                "gap of at least three months.\n\n"
                "- Has anyone bridged a gap like this?\n"
                "- Did Medicaid billing cover enough of the cost to matter?"
            ),
            "replies": [
                {
                    "author": "manager@example.org",
                    "body": (
                        "We did this last year. What worked:\n\n"
                        "1. We moved two peers to **Medicaid-billable** services three months "
                        "*before* the grant ended, so billing had time to ramp up.\n"
                        "2. A local foundation gave a small bridge grant. Ask for it early: "
                        "they liked that it was time-limited.\n"
                        "3. We kept the third position half-time until the county money "
                        "arrived.\n\n"
                        "Billing covered about 60% of the cost by month four."
                    ),
                    "helpful": ["member@example.org", "facilitator@example.org"],
                    "accepted": True,
                },
                {
                    "author": "broker@example.org",
                    "body": (
                        "The Rural Outreach CoP collected funding models last spring. See "
                        "their toolkit, section 3, *Sustaining peer roles*."
                    ),
                    "helpful": ["member@example.org"],
                },
            ],
        },
        {
            "kind": ThreadKind.QUESTION,
            "author": "analyst@example.org",
            "title": "Which retention measure do you report to your board?",
            "days_ago": 3,
            "body": (
                "Our board wants one number for staff retention. Is it better to report "
                "**12-month retention** or **average tenure**? We have fewer than 40 staff, "
                "so one departure moves either a lot."
            ),
            "replies": [
                {
                    "author": "editor@example.org",
                    "body": "We show 12-month retention with the count beside it "
                    "(`34 of 38`), so a small change doesn't look like a crisis.",
                },
            ],
        },
        {
            "kind": ThreadKind.CASE_STUDY,
            "author": "editor@example.org",
            "title": "Case study: merging two recovery cafés without losing the volunteers",
            "days_ago": 20,
            "body": (
                "### Situation\n"
                "Two recovery cafés six miles apart lost their leases in the same year. "
                "Between them they had 45 volunteers, most of them in recovery themselves.\n\n"
                "### What we did\n"
                "- Held **three joint open evenings** before any decision was announced.\n"
                "- Kept both volunteer coordinators, one per shift pattern.\n"
                "- Let volunteers name the new café.\n\n"
                "### What happened\n"
                "We kept 38 of the 45 volunteers after six months. The seven who left mostly "
                "cited the longer journey.\n\n"
                "### What we would do differently\n"
                "Arrange transport from the old neighbourhood *before* the move, not after."
            ),
            "replies": [
                {
                    "author": "archivist@example.org",
                    "body": "Could we add this to the CoP's lessons archive? The naming vote "
                    "is a detail other sites keep asking about.",
                },
                {
                    "author": "member@example.org",
                    "body": "The joint open evenings are a great idea. How did you keep the "
                    "decision from leaking before you were ready?",
                    "helpful": ["editor@example.org"],
                },
            ],
        },
        {
            "kind": ThreadKind.BEST_PRACTICE,
            "author": "broker@example.org",
            "title": "Best practice: a 15-minute huddle instead of the weekly staff meeting",
            "days_ago": 8,
            "body": (
                "We replaced our 90-minute weekly meeting with a **daily 15-minute huddle**, "
                "standing, at the start of the first shift. Three questions only:\n\n"
                "1. Who needs extra support today?\n"
                "2. What is blocked?\n"
                "3. What did we learn yesterday?\n\n"
                "Anything longer goes to a separate conversation with only the people who need "
                "it. Staff surveys rated communication 3.1 → 4.2 out of 5 over six months."
            ),
            "replies": [
                {
                    "author": "moderator@example.org",
                    "body": "We tried this and kept a monthly longer meeting for training. "
                    "Without it, the huddle slowly grew back to 45 minutes.",
                    "helpful": ["broker@example.org", "manager@example.org"],
                },
            ],
        },
        {
            "kind": ThreadKind.ANNOUNCEMENT,
            "author": "facilitator@example.org",
            "title": "Next session moves a week later: agenda inside",
            "days_ago": 2,
            "body": (
                "Our next session moves **one week later, same time (2 pm Eastern)**, because "
                "of the state conference.\n\n"
                "**Agenda**\n\n"
                "- Check-in (15 min)\n"
                "- Case consultation: funding gaps, brought by a member (45 min)\n"
                "- What we learned this quarter (30 min)\n\n"
                "The link stays the same."
            ),
            "replies": [],
        },
    ],
    "peer-support-supervisors": [
        {
            "kind": ThreadKind.QUESTION,
            "author": "member@example.org",
            "title": "What belongs in a supervision note for a peer specialist?",
            "days_ago": 15,
            "body": (
                "I supervise four certified peer specialists. Our clinical supervision "
                "template asks for *diagnosis-related goals*, which doesn't fit the peer role. "
                "What do you record instead?"
            ),
            "replies": [
                {
                    "author": "moderator@example.org",
                    "body": (
                        "We use four headings, each one or two lines:\n\n"
                        "- **Role clarity**: where the peer role was stretched this week\n"
                        "- **Self-care and boundaries**\n"
                        "- **Skills practised** (e.g. *sharing recovery story with purpose*)\n"
                        "- **Career goal**: the next step the peer named\n\n"
                        "No diagnoses and nothing about the people they support beyond what "
                        "is needed for a safety concern."
                    ),
                    "helpful": ["member@example.org", "manager@example.org"],
                    "accepted": True,
                },
                {
                    "author": "manager@example.org",
                    "body": "Agree with the four headings. We also ask the peer to write the "
                    "first draft, so the note is theirs.",
                },
            ],
        },
        {
            "kind": ThreadKind.CASE_STUDY,
            "author": "manager@example.org",
            "title": "Case study: when a peer's lived experience came up in a team conflict",
            "days_ago": 10,
            "body": (
                "*Details changed to protect everyone involved.*\n\n"
                "### Situation\n"
                "During a disagreement about a discharge plan, a clinician told a peer "
                'specialist that they were "too close to it" because of their own history.\n\n'
                "### What the supervisor did\n"
                "1. Met the peer the same day, to listen, not to fix.\n"
                "2. Met the clinician separately to name the comment as a boundary issue.\n"
                "3. Brought both to a facilitated conversation a week later.\n\n"
                "### Outcome\n"
                "The team agreed a short statement on the value of lived experience, now part "
                "of onboarding."
            ),
            "replies": [
                {
                    "author": "member@example.org",
                    "body": "Meeting the peer the same day matters so much. Did the clinician "
                    "get any training afterwards?",
                },
                {
                    "author": "moderator@example.org",
                    "body": "Something similar happened to Jordan R. at the Elm Street "
                    "shelter last month, and the case manager there still refuses to work "
                    "with peers.",
                    "report": (
                        "member@example.org",
                        "This names a person and the shelter they work at.",
                    ),
                },
            ],
        },
        {
            "kind": ThreadKind.BEST_PRACTICE,
            "author": "moderator@example.org",
            "title": "Best practice: reflective supervision prompts that respect the peer role",
            "days_ago": 6,
            "files": [
                (
                    "supervision-prompts.csv",
                    "prompt,when to use\n"
                    "When did you use your story on purpose this week?,opening a session\n"
                    "Where did you feel pulled into a clinical role?,after a hard week\n"
                    "What did you need from the team that you didn't get?,closing\n",
                )
            ],
            "body": (
                "Prompts we rotate through in one-to-one supervision:\n\n"
                "- *When did you use your story on purpose this week? How did it land?*\n"
                "- *Where did you feel pulled into a clinical role?*\n"
                "- *What did you need from the team that you didn't get?*\n\n"
                "Open with one prompt and let the conversation go where it needs to. See the "
                "[national peer supervision guidelines](https://www.naadac.org/) for more."
            ),
            "replies": [
                {
                    "author": "member@example.org",
                    "body": "The second prompt opened up a conversation my supervisee had "
                    "been avoiding for months. Thank you.",
                },
            ],
        },
        {
            "kind": ThreadKind.ANNOUNCEMENT,
            "author": "facilitator@example.org",
            "title": "The peer supervision self-assessment is open until the end of the month",
            "days_ago": 4,
            "body": (
                "Please complete the **supervision self-assessment** before our next session. "
                "It takes about 15 minutes, and we will look at the results as a group "
                "(no names attached)."
            ),
            "replies": [],
        },
        {
            "kind": ThreadKind.GENERAL,
            "author": "member@example.org",
            "title": "Introduce yourself: what does supervision look like where you work?",
            "pinned": True,
            "days_ago": 30,
            "body": (
                "I'll start: I supervise four peer specialists in an outpatient program, "
                "weekly one-to-ones plus a monthly group. What about you?"
            ),
            "replies": [
                {
                    "author": "manager@example.org",
                    "body": "Program coordinator in a county system: I supervise two peers "
                    "and co-supervise six with a clinical lead.",
                },
                {
                    "author": "moderator@example.org",
                    "body": "Peer specialist myself, now supervising a team of three in a "
                    "crisis respite. Group supervision every other week.",
                },
            ],
        },
    ],
}


def seed_discussions(by_slug: dict[str, Community], by_email: dict[str, User]) -> None:
    """Threads, replies, reactions and a report, written straight to the models: services
    would email every follower and member, and a demo seed must send nothing."""
    for slug, threads in DEMO_THREADS.items():
        community = by_slug[slug]
        known = set(
            User.objects.filter(memberships__community=community).values_list("handle", flat=True)
        )
        for spec in threads:
            _seed_thread(community, spec, by_email, known)


def _html(text: str, known: set[str]) -> str:
    return render_markdown(text, known_handles=mentioned_handles(text) & known)


def _seed_thread(community: Community, spec: dict, by_email: dict, known: set[str]) -> None:
    started = timezone.now() - dt.timedelta(days=spec["days_ago"])
    author = by_email[spec["author"]]
    thread, _created = Thread.objects.get_or_create(
        community=community,
        title=spec["title"],
        defaults={
            "kind": spec["kind"],
            "body": spec["body"],
            "body_html": _html(spec["body"], known),
            "author": author,
            "created_at": started,
            "last_activity_at": started,
            "is_pinned": spec.get("pinned", False),
        },
    )
    ThreadFollow.objects.get_or_create(thread=thread, user=author)  # authors follow
    seed_attachments(thread=thread, post=None, author=author, files=spec.get("files", []))
    for number, reply_spec in enumerate(spec["replies"], start=1):
        at = thread.created_at + dt.timedelta(hours=5 * number)
        post = _seed_reply(thread, reply_spec, at, by_email, known)
        # Only an unanswered question takes the demo answer: a choice made since stays.
        if reply_spec.get("accepted") and thread.accepted_answer_id is None:
            thread.accepted_answer = post
            thread.save(update_fields=["accepted_answer"])
    _sync_thread_counts(thread)


def _seed_reply(thread: Thread, spec: dict, at, by_email: dict, known: set[str]) -> Post:
    post, _created = Post.objects.get_or_create(
        thread=thread,
        author=by_email[spec["author"]],
        body=spec["body"],
        defaults={"body_html": _html(spec["body"], known), "created_at": at},
    )
    for email in spec.get("helpful", []):
        Reaction.objects.get_or_create(post=post, user=by_email[email])
    post.helpful_count = post.reactions.count()
    post.save(update_fields=["helpful_count"])
    if "report" in spec:
        reporter, reason = spec["report"]
        # Any earlier report counts: once a moderator resolves it, a re-run must not reopen it.
        if not Report.objects.filter(post=post, reporter=by_email[reporter]).exists():
            Report.objects.create(post=post, reporter=by_email[reporter], reason=reason)
    return post


def _sync_thread_counts(thread: Thread) -> None:
    """reply() counts every reply and dates the thread by the latest; the seed does the same."""
    latest = thread.posts.order_by("-created_at").values_list("created_at", flat=True).first()
    thread.reply_count = thread.posts.count()
    thread.last_activity_at = latest or thread.created_at
    thread.save(update_fields=["reply_count", "last_activity_at"])

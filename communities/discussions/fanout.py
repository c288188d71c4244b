"""Fan-outs of discussions: a thread's mentions and announcement, a reply's followers and
mentions, a ping's members, told by a worker after commit, never in the request nor under the
thread's row lock. Each reads the event as it stands and tells everyone in bulk
(`notify_many`); keys make a second run tell nobody twice.

Later apps hand their own events to the same queue (`register_fan_out` from their
`AppConfig.ready()`, meetings its emails with an .ics), so communities never names them."""

from collections.abc import Callable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from communities.discussions.fan_out_events import register_fan_out_label
from communities.discussions.markdown import mentioned_handles, plain_text
from communities.discussions.models import FanOut, FanOutEvent, Ping, Post, Thread, ThreadKind
from communities.discussions.moderation import withdraw_if_gone
from communities.discussions.ping_links import answer_link, ping_link
from communities.discussions.selectors import reply_url
from communities.models import Community, Membership, User
from communities.notifications.rendering import absolute_url
from communities.notifications.sender import Notice, notify_many

MENTION_EXCERPT_CHARS = 300


def run_fan_out(*, event: str, object_id: int) -> int:
    """Tell everyone the event concerns and mark it done. Returns how many were told now."""
    told = _JOBS[event](object_id)
    FanOut.objects.filter(event=event, object_id=object_id).update(done_at=timezone.now())
    return told


def fan_out_thread(thread_id: int) -> int:
    """The people its opening post mentions; every member (but its author) for an announcement."""
    thread = (
        Thread.objects.select_related("community", "author")
        .filter(pk=thread_id, is_hidden=False)
        .first()
    )
    if thread is None:
        return 0  # deleted or hidden before the worker came to it: nobody to tell of it
    told = _notify_mentions(
        thread=thread,
        text=thread.body,
        author=thread.author,
        key_part=f"thread:{thread.pk}",
        about=thread,
    )
    if thread.kind == ThreadKind.ANNOUNCEMENT:
        told += _notify_announcement(thread)
    # Hidden while we told? Take it back (hiding after this point withdraws it itself).
    withdraw_if_gone(thread_id=thread.pk)
    return told


def fan_out_reply(post_id: int) -> int:
    """The thread's followers (but the author), then those mentioned who do not follow it."""
    post = (
        Post.objects.select_related("thread__community", "author")
        .filter(pk=post_id, deleted_at__isnull=True, is_hidden=False, thread__is_hidden=False)
        .first()
    )
    if post is None:
        return 0  # deleted or hidden before the worker came to it
    thread = post.thread
    followers = list(User.objects.filter(thread_follows__thread=thread).exclude(pk=post.author_id))
    title = _("%(person)s replied in “%(thread)s”") % {
        "person": _display_name(post.author),
        "thread": thread.title,
    }
    # The page the reply is on, so a follower of a long thread lands on it, not on page one.
    url = reply_url(post)
    told = notify_many(
        kind="reply",
        notices=[
            Notice(
                to=follower,
                key=f"reply:{post.pk}:{follower.pk}",
                context={"title": title, "message": plain_text(post.body_html, limit=500)},
                url=url,
            )
            for follower in followers
        ],
        group=thread.community.name,
        about=post,
        capability="discussion.read",
        thread=thread,
        post=post,
    )
    told += _notify_mentions(
        thread=thread,
        text=post.body,
        author=post.author,
        key_part=f"post:{post.pk}",
        about=post,
        already_told={follower.pk for follower in followers},
    )
    # Hidden or deleted while we told? Take it back (later, hiding withdraws it itself).
    withdraw_if_gone(thread_id=thread.pk, post_id=post.pk)
    return told


def fan_out_ping(ping_id: int) -> int:
    """Every member, with the question, a one-click answer link per choice (or one to a text
    field), all signed for that member, and the closing time in their own zone, named."""
    ping = Ping.objects.select_related("community").filter(pk=ping_id).first()
    if ping is None:
        return 0
    community = ping.community
    title = _("%(community)s asks: %(question)s") % {
        "community": community.name,
        "question": ping.question,
    }
    notices = [
        Notice(
            to=member,
            key=f"ping:{ping.pk}:{member.pk}",
            context={
                "title": title,
                "question": ping.question,
                "message": _closes_in_zone(ping, member.zone_name),
                **_answer_links(ping, member),
            },
            url=ping_link(ping=ping, member=member),
        )
        for member in _members(community)
    ]
    return notify_many(
        kind="ping", notices=notices, group=community.name, about=ping, capability="ping.read"
    )


def _closes_in_zone(ping: Ping, zone_name: str) -> str:
    """The closing time in the reader's zone, named ("Closes Tuesday 1 December, 17:00
    (America/Chicago)."), because a bare time is read in whatever zone the reader assumes."""
    with timezone.override(zone_name):
        when = date_format(timezone.localtime(ping.closes_at), "l j F, H:i")
    return _("Closes %(when)s (%(zone)s).") % {"when": when, "zone": zone_name}


def _answer_links(ping: Ping, member: User) -> dict:
    if ping.choices:
        links = [
            (choice, absolute_url(answer_link(ping=ping, member=member, choice=choice)))
            for choice in ping.choices
        ]
        return {"answer_links": links}
    return {"text_answer_url": absolute_url(answer_link(ping=ping, member=member))}


def _notify_announcement(thread: Thread) -> int:
    context = {"title": thread.title, "message": plain_text(thread.body_html, limit=1000)}
    return notify_many(
        kind="announcement",
        notices=[
            Notice(to=member, key=f"announcement:{thread.pk}:{member.pk}", context=context)
            for member in _members(thread.community).exclude(pk=thread.author_id)
        ],
        group=thread.community.name,
        about=thread,
        capability="discussion.read",
        thread=thread,
    )


def _notify_mentions(
    *,
    thread: Thread,
    text: str,
    author: User | None,
    key_part: str,
    about: Thread | Post,
    already_told: frozenset[int] | set[int] = frozenset(),
) -> int:
    handles = mentioned_handles(text)
    if not handles:
        return 0
    # Only members' handles became mention links when the text was posted.
    people = (
        User.objects.filter(handle__in=handles, memberships__community=thread.community)
        .exclude(pk__in=already_told)
        .exclude(pk=getattr(author, "pk", None))
    )
    title = _("%(person)s mentioned you in “%(thread)s”") % {
        "person": _display_name(author),
        "thread": thread.title,
    }
    # The words they were mentioned in, as plain text, and the reply's own place on its page.
    excerpt = plain_text(about.body_html, limit=MENTION_EXCERPT_CHARS)
    url = reply_url(about) if isinstance(about, Post) else thread.get_absolute_url()
    return notify_many(
        kind="mention",
        notices=[
            Notice(
                to=person,
                key=f"mention:{key_part}:{person.pk}",
                context={"title": title, "message": excerpt},
                url=url,
            )
            for person in people
        ],
        group=thread.community.name,
        about=about,
        capability="discussion.read",
        thread=thread,
        post=about if isinstance(about, Post) else None,
    )


def _members(community: Community):
    return User.objects.filter(
        pk__in=Membership.objects.filter(community=community).values("user_id")
    )


def _display_name(person: User | None) -> str:
    # The author may have deleted their account between posting and this run.
    return person.display_name if person is not None else _("A former member")


# A job takes the event's object id and returns how many people it told now.
_JOBS: dict[str, Callable[[int], int]] = {
    FanOutEvent.THREAD: fan_out_thread,
    FanOutEvent.REPLY: fan_out_reply,
    FanOutEvent.PING: fan_out_ping,
}
for _event, _label in FanOutEvent.choices:
    register_fan_out_label(_event, _label)


def register_fan_out(event: str, job: Callable[[int], int], *, label: str | Promise) -> None:
    """Let a later app fan out its own events through this queue: recorded in the write's
    transaction (`schedule_fan_out`), published after commit, resumed by the due-finder when
    the broker was down. `event` fits `FanOut.event` (10 characters) and names no other job;
    `label` is what people read for it (`FanOut.event_label`, the admin)."""
    if len(event) > FanOut._meta.get_field("event").max_length:
        raise ValueError(f"Fan-out event name {event!r} is too long")
    if _JOBS.get(event, job) is not job:
        raise ValueError(f"Fan-out event {event!r} is already registered")
    _JOBS[event] = job
    register_fan_out_label(event, label)

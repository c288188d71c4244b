"""Writes in discussions: posting, editing, reactions, follows, accepted answers, moderation."""

import datetime as dt

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.discussions.attachments import (
    attach_uploads,
    change_attachments,
    remove_attachments_of,
)
from communities.discussions.fan_out_queue import schedule_fan_out
from communities.discussions.markdown import mentioned_handles, render_markdown
from communities.discussions.models import (
    FanOutEvent,
    Post,
    Reaction,
    Report,
    ReportStatus,
    Thread,
    ThreadFollow,
    ThreadKind,
    ThreadRead,
)
from communities.discussions.moderation import tell_moderators, withdraw_news_of
from communities.models import Community, User


class DiscussionError(Exception):
    """An action the thread's state does not allow (locked, not a question…)."""


def _render(community: Community, text: str):
    handles = mentioned_handles(text)
    known = set(
        User.objects.filter(handle__in=handles, memberships__community=community).values_list(
            "handle", flat=True
        )
    )
    return render_markdown(text, known_handles=known), known


@transaction.atomic
def start_thread(
    *,
    actor: User,
    community: Community,
    kind: str,
    title: str,
    body: str,
    attachments=(),
    **extra,
) -> Thread:
    html, mentioned = _render(community, body)
    thread = Thread.objects.create(
        community=community,
        kind=ThreadKind(kind),
        title=title,
        body=body,
        body_html=html,
        author=actor,
        announcement_until=extra.get("announcement_until"),
    )
    ThreadFollow.objects.create(thread=thread, user=actor)  # authors follow by default
    # Nobody's own thread is news to them.
    mark_thread_read(reader=actor, thread=thread, seen_at=thread.last_activity_at)
    if mentioned or thread.kind == ThreadKind.ANNOUNCEMENT:
        # Those mentioned (every member, for an announcement) are told by a worker after
        # commit: a large CoP must not slow the post, nor a down broker fail it.
        schedule_fan_out(event=FanOutEvent.THREAD, object_id=thread.pk)
    # Last: files are stored outside the transaction, so nothing after them may roll it back.
    attach_uploads(actor=actor, thread=thread, post=None, uploads=attachments)
    return thread


@transaction.atomic
def reply(*, actor: User, thread: Thread, body: str, attachments=()) -> Post:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked:
        raise DiscussionError(_("This thread is locked: it takes no new replies."))
    if thread.archived_at:
        raise DiscussionError(_("This thread is archived: it is read-only."))
    html, _mentioned = _render(thread.community, body)
    post = Post.objects.create(thread=thread, author=actor, body=body, body_html=html)
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=post.created_at
    )
    # One's own reply does not make the thread unread for oneself. Replies others posted while
    # this one was written count as seen too: the author lands on the page that shows them.
    mark_thread_read(reader=actor, thread=thread, seen_at=post.created_at)
    # Followers and those mentioned are told by a worker after commit, in bulk: not one
    # notification per follower in the request, and not under this thread's row lock.
    schedule_fan_out(event=FanOutEvent.REPLY, object_id=post.pk)
    # Last: files are stored outside the transaction, so nothing after them may roll it back.
    attach_uploads(actor=actor, thread=thread, post=post, uploads=attachments)
    return post


@transaction.atomic
def edit_post(
    *,
    actor: User,
    post: Post | Thread,
    body: str,
    title: str | None = None,
    attachments=(),
    remove=(),
) -> None:
    """New words, and files taken off (`remove`, ids of the post's own) or added; raises
    TooManyFilesError, changing nothing, if the post would end with more than its limit."""
    community = post.community if isinstance(post, Thread) else post.thread.community
    html, _mentioned = _render(community, body)
    # Two edits of one post at once count its files one after the other (change_attachments).
    list(type(post).objects.select_for_update().filter(pk=post.pk).values_list("pk", flat=True))
    post.body, post.body_html, post.edited_at = body, html, timezone.now()
    fields = ["body", "body_html", "edited_at"]
    if title is not None and isinstance(post, Thread):
        post.title = title
        fields.append("title")
    post.save(update_fields=fields)
    # Last: files are stored outside the transaction, so nothing after them may roll it back.
    change_attachments(actor=actor, post=post, add=attachments, remove=remove)


@transaction.atomic
def delete_post(*, actor: User, post: Post) -> None:
    """Soft delete: the reply becomes a placeholder, so the conversation keeps its shape."""
    post.deleted_at = timezone.now()
    # The emptied body empties the reply's generated search vector too.
    post.body = post.body_html = ""
    post.save(update_fields=["deleted_at", "body", "body_html"])
    remove_attachments_of(post)  # its files go with its words
    withdraw_news_of(post)  # nobody keeps being told of words that are gone


@transaction.atomic
def toggle_helpful(*, actor: User, post: Post) -> bool:
    """Mark a reply helpful, or take the mark back. Returns whether it is marked now."""
    if Reaction.objects.filter(post=post, user=actor).exists():
        deleted, _by_model = Reaction.objects.filter(post=post, user=actor).delete()
        if deleted:  # a second click racing this one may have taken it back already
            Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
        return False
    # Two quick clicks both find nothing above; get_or_create lets the second one find the
    # first one's mark (the unique key decides) instead of failing on it.
    _reaction, created = Reaction.objects.get_or_create(post=post, user=actor)
    if created:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    return True


@transaction.atomic
def set_following(*, actor: User, thread: Thread, follow: bool) -> None:
    if follow:
        ThreadFollow.objects.get_or_create(thread=thread, user=actor)
    else:
        ThreadFollow.objects.filter(thread=thread, user=actor).delete()


@transaction.atomic
def accept_answer(*, actor: User, thread: Thread, post: Post) -> None:
    if thread.kind != ThreadKind.QUESTION:
        raise DiscussionError(_("Only a question has an accepted answer."))
    if post.thread_id != thread.pk or post.deleted_at or post.is_hidden:
        raise DiscussionError(_("That reply cannot be the answer."))
    thread.accepted_answer = post
    thread.save(update_fields=["accepted_answer"])


MODERATION_ACTIONS = ("pin", "unpin", "lock", "unlock", "hide", "restore")


@transaction.atomic
def moderate(*, actor: User, target: Thread | Post, action: str, reason: str = "") -> None:
    changes = {
        "pin": {"is_pinned": True},
        "unpin": {"is_pinned": False},
        "lock": {"is_locked": True},
        "unlock": {"is_locked": False},
        "hide": {"is_hidden": True, "hidden_reason": reason},
        "restore": {"is_hidden": False, "hidden_reason": ""},
    }[action]
    if isinstance(target, Post) and set(changes) - {"is_hidden", "hidden_reason"}:
        raise DiscussionError(_("Replies can be hidden or restored, not pinned or locked."))
    for field, value in changes.items():
        setattr(target, field, value)
    target.save(update_fields=list(changes))
    if action == "hide":
        # Hidden content leaves everyone's notifications (a thread's with its replies').
        withdraw_news_of(target)


@transaction.atomic
def report_post(*, actor: User, post: Post, reason: str) -> Report:
    report, created = Report.objects.get_or_create(
        post=post, reporter=actor, status=ReportStatus.OPEN, defaults={"reason": reason}
    )
    if created:  # a double submit finds the open report: the moderators hear of it once
        tell_moderators(report=report, reporter=actor)
    return report


@transaction.atomic
def resolve_report(*, actor: User, report: Report, hide: bool) -> None:
    """Hide the reply (closing every open report on it) or dismiss this report."""
    now = timezone.now()
    if hide:
        moderate(actor=actor, target=report.post, action="hide", reason=report.reason)
        Report.objects.filter(post=report.post, status=ReportStatus.OPEN).update(
            status=ReportStatus.HIDDEN, resolved_at=now, resolved_by=actor
        )
    else:
        Report.objects.filter(pk=report.pk, status=ReportStatus.OPEN).update(
            status=ReportStatus.DISMISSED, resolved_at=now, resolved_by=actor
        )


@transaction.atomic
def set_archived(*, actor: User, thread: Thread, archived: bool) -> None:
    thread.archived_at = timezone.now() if archived else None
    thread.save(update_fields=["archived_at"])


def mark_thread_read(*, reader: User, thread: Thread, seen_at: dt.datetime) -> None:
    """Remember that `reader` has seen `thread` up to `seen_at` (its last activity when the page
    was loaded). One statement: an upsert that only moves forward, so a page loaded earlier in
    another tab, finishing last, cannot make replies already seen unread again."""
    table = connection.ops.quote_name(ThreadRead._meta.db_table)
    # Only the model's own table name is interpolated; every value is a parameter.
    statement = (
        f"INSERT INTO {table} (user_id, thread_id, last_seen_at) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (user_id, thread_id) DO UPDATE "
        f"SET last_seen_at = EXCLUDED.last_seen_at "
        # Every GET of a thread page comes here: a row already at or past `seen_at` is left as it
        # is (no new row version, no WAL, no dead tuple for vacuum), so rereading writes nothing.
        f"WHERE {table}.last_seen_at < EXCLUDED.last_seen_at"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [reader.pk, thread.pk, seen_at])

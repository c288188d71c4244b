"""Moderation's news: a report reaches the CoP's moderators, and content that is hidden or
deleted leaves everyone's notifications (SPEC §3, issue 10 item 12)."""

from django.db import transaction
from django.urls import reverse

from communities.discussions.models import Post, Report, Thread
from communities.models import MembershipRole, Notification, Role, User
from communities.notifications.sender import Notice, notify_many
from communities.notifications.withdrawal import withdraw_notifications

# Who handles reports: what the queue itself asks (communities/rules.py).
MODERATION_CAPABILITY = "thread.moderate"


def tell_moderators(*, report: Report, reporter: User) -> int:
    """Each of the CoP's moderators hears of a new report, in the app and by email as they
    chose; the reporter (even a moderator) does not hear of their own report. The moderators
    are a handful, so they are told in the request, in bulk. Returns how many were told."""
    post = report.post
    thread = post.thread
    community = thread.community
    holders = MembershipRole.objects.filter(
        membership__community=community,
        role__in=(Role.DISCUSSION_MODERATOR, Role.FACILITATOR),
    ).values("membership__user_id")
    moderators = User.objects.filter(pk__in=holders).exclude(pk=reporter.pk)
    context = {
        "community_name": community.name,
        "thread_title": thread.title,
        "reason": report.reason,
        # The in-app text: the reason, as the queue shows it; never the reported words.
        "message": report.reason,
    }
    return notify_many(
        kind="report",
        notices=[
            Notice(
                to=moderator,
                key=f"report:{report.pk}:{moderator.pk}",
                context=context,
                url=reverse("communities:moderation", args=[community.slug]),
            )
            for moderator in moderators
        ],
        group=community.name,
        # Asked again before each email and digest leaves: a moderator who lost the role, or
        # left, by then is not told.
        about=post,
        capability=MODERATION_CAPABILITY,
        thread=thread,
        post=post,
    )


def withdraw_news_of(target: Thread | Post) -> int:
    """Everyone's notifications telling of a hidden or deleted thread (and its replies) or
    reply are withdrawn: from the bell, from digests not sent yet, and from the outbox while
    their emails wait. Restoring the content does not bring them back."""
    if isinstance(target, Thread):
        items = Notification.objects.filter(thread=target)
    else:
        items = Notification.objects.filter(post=target)
    return withdraw_notifications(items)


@transaction.atomic
def withdraw_if_gone(*, thread_id: int, post_id: int | None = None) -> int:
    """After a fan-out recorded its notifications: if the content was hidden or deleted in the
    meantime, take them back. The rows are locked as hiding locks them, so either the hide
    committed first and is seen here, or it comes after and withdraws these itself."""
    thread = Thread.objects.select_for_update().filter(pk=thread_id).only("is_hidden").first()
    if thread is None:
        return 0  # deleted: its notifications went with it
    if thread.is_hidden:
        return withdraw_news_of(thread)
    if post_id is None:
        return 0
    post = (
        Post.objects.select_for_update().filter(pk=post_id).only("is_hidden", "deleted_at").first()
    )
    if post is not None and (post.is_hidden or post.deleted_at):
        return withdraw_news_of(post)
    return 0

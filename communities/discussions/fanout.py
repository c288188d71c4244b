"""Fan-outs of discussions: one event to every member of a CoP, run by a worker after commit
(never in the request). Keys make a retried task send nothing twice."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from communities.discussions.models import Ping, Thread
from communities.discussions.ping_links import ping_link
from communities.models import Membership, User
from communities.notifications.sender import notify


def notify_announcement(*, thread_id: int) -> int:
    """Tell every member (but its author) about an announcement; keys make a retry harmless."""
    thread = Thread.objects.select_related("community", "author").get(pk=thread_id)
    members = User.objects.filter(
        pk__in=Membership.objects.filter(community=thread.community).values("user_id")
    ).exclude(pk=thread.author_id)
    for member in members:
        notify(
            to=member,
            kind="announcement",
            key=f"announcement:{thread.pk}:{member.pk}",
            context={"title": thread.title, "message": thread.body[:1000]},
            group=thread.community.name,
            url=thread.get_absolute_url(),
            about=thread,
            capability="discussion.read",
        )
    return len(members)


def notify_ping(*, ping_id: int) -> int:
    """Email every member their own signed link to the ping (run by a worker after commit)."""
    ping = Ping.objects.select_related("community").get(pk=ping_id)
    community, question, closes_at = ping.community, ping.question, ping.closes_at
    members = User.objects.filter(
        pk__in=Membership.objects.filter(community=community).values("user_id")
    )
    for member in members:
        with timezone.override(member.zone_name):
            closes = date_format(timezone.localtime(closes_at), "DATETIME_FORMAT")
        notify(
            to=member,
            kind="ping",
            key=f"ping:{ping.pk}:{member.pk}",
            context={
                "title": _("%(community)s asks: %(question)s")
                % {"community": community.name, "question": question},
                "message": _("Answer before %(when)s.") % {"when": closes},
            },
            group=community.name,
            url=ping_link(ping=ping, member=member),
            about=ping,
            capability="ping.read",
        )
    return len(members)

"""Pings: one question to every member, answered from a signed email link or in the app."""

from functools import partial

from django.core import signing
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from communities.discussions.models import Ping, PingAnswer
from communities.models import Community, Membership, User
from communities.notifications.sender import notify
from communities.tasks import send_ping_emails_task

LINK_SALT = "communities.pings.link"


class PingClosedError(Exception):
    pass


def ping_link(*, ping: Ping, member: User) -> str:
    """The path a member's email opens: signed, so a made-up link is refused; it logs nobody
    in (a logged-out member logs in and comes back)."""
    token = signing.dumps({"p": ping.pk, "u": member.pk}, salt=LINK_SALT)
    return reverse("communities:ping_link", args=[token])


def read_ping_link(token: str) -> int:
    data = signing.loads(token, salt=LINK_SALT)
    if not isinstance(data, dict) or not isinstance(data.get("p"), int):
        raise signing.BadSignature("Malformed ping link")
    return data["p"]


@transaction.atomic
def send_ping(
    *,
    actor: User,
    community: Community,
    question: str,
    choices: list[str],
    closes_at,
    answers_visible_to: str,
) -> Ping:
    ping = Ping.objects.create(
        community=community,
        author=actor,
        question=question,
        choices=choices,
        closes_at=closes_at,
        answers_visible_to=answers_visible_to,
    )
    transaction.on_commit(partial(send_ping_emails_task.delay, ping.pk))
    return ping


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
        )
    return len(members)


@transaction.atomic
def answer_ping(*, actor: User, ping: Ping, choice: str = "", text: str = "") -> PingAnswer:
    """Answer, or change one's answer, while the ping is open."""
    ping = Ping.objects.select_for_update().get(pk=ping.pk)
    if not ping.is_open:
        raise PingClosedError(_("This ping is closed: answers can no longer change."))
    answer, _created = PingAnswer.objects.update_or_create(
        ping=ping,
        user=actor,
        defaults={"choice": choice, "text": text, "answered_at": timezone.now()},
    )
    return answer


def ping_results(*, ping: Ping) -> dict:
    counts = dict(
        PingAnswer.objects.filter(ping=ping).values_list("choice").annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    return {
        "total": total,
        "choices": [
            (
                choice,
                counts.get(choice, 0),
                round(100 * counts.get(choice, 0) / total) if total else 0,
            )
            for choice in ping.choices
        ],
        "answers": PingAnswer.objects.filter(ping=ping)
        .select_related("user")
        .order_by("answered_at"),
    }

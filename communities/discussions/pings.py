"""Pings: one question to every member, answered from a signed email link or in the app."""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.discussions.fan_out_queue import schedule_fan_out
from communities.discussions.models import FanOutEvent, Ping, PingAnswer
from communities.models import Community, User


class PingClosedError(Exception):
    pass


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
    # Every member is told by a worker after commit; a down broker leaves it to the due-finder.
    schedule_fan_out(event=FanOutEvent.PING, object_id=ping.pk)
    return ping


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

"""Each member's signed link to a ping, as sent by email."""

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from communities.discussions.models import Ping
from communities.models import User

LINK_SALT = "communities.pings.link"


@dataclass(frozen=True)
class PingLink:
    ping_id: int
    member_id: int


def ping_link(*, ping: Ping, member: User) -> str:
    """The path a member's email opens: signed, so a made-up link is refused; it logs nobody
    in (a logged-out member logs in and comes back) and opens only for the member it names."""
    token = signing.dumps({"p": ping.pk, "u": member.pk}, salt=LINK_SALT)
    return reverse("communities:ping_link", args=[token])


def read_ping_link(token: str) -> PingLink:
    data = signing.loads(token, salt=LINK_SALT)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("p", "u")):
        raise signing.BadSignature("Malformed ping link")
    return PingLink(ping_id=data["p"], member_id=data["u"])

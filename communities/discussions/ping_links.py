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


# Its own salt: a login link can never be replayed as an answer, nor the other way round.
ANSWER_SALT = "communities.pings.answer"


@dataclass(frozen=True)
class AnswerLink:
    ping_id: int
    member_id: int
    # The choice this link answers with; None on a free-text ping's link (the page asks).
    choice: str | None

    def fits(self, ping: Ping) -> bool:
        """A choice link answers only a choice the ping offers; a text link only a text ping."""
        if ping.choices:
            return self.choice in ping.choices
        return self.choice is None


def answer_link(*, ping: Ping, member: User, choice: str | None = None) -> str:
    """The path that answers `ping` for `member` with `choice` in one click, logged in or not.
    Its GET only asks (mail scanners follow links); the page's POST answers. It lasts as long
    as the ping is open: the view checks the ping, not the token's age."""
    token = answer_token(ping=ping, member=member, choice=choice)
    return reverse("communities:ping_answer", args=[token])


def answer_token(*, ping: Ping, member: User, choice: str | None = None) -> str:
    data = {"p": ping.pk, "u": member.pk}
    if choice is not None:
        data["c"] = choice
    return signing.dumps(data, salt=ANSWER_SALT)


def read_answer_link(token: str) -> AnswerLink:
    data = signing.loads(token, salt=ANSWER_SALT)
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("p", "u")):
        raise signing.BadSignature("Malformed answer link")
    choice = data.get("c")
    if choice is not None and not isinstance(choice, str):
        raise signing.BadSignature("Malformed answer link")
    return AnswerLink(ping_id=data["p"], member_id=data["u"], choice=choice)

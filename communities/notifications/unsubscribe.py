"""Signed one-click unsubscribe links (RFC 8058): they work without login and cannot be forged."""

from django.core import signing
from django.urls import reverse

from communities.notifications.rendering import absolute_url

SALT = "communities.notifications.unsubscribe"


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT)


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return absolute_url(reverse("communities:unsubscribe", args=[token]))


def unsubscribe_urls(*, user_ids: list[int], kind: str) -> dict[int, str]:
    """`unsubscribe_url` of many people (a fan-out): the URL is resolved once, not per person.
    A token is URL-safe (base64 and colons), so it goes into the path as `reverse` puts it."""
    marker = "0-unsubscribe-token-0"
    pattern = absolute_url(reverse("communities:unsubscribe", args=[marker]))
    before, _marker, after = pattern.partition(marker)
    return {
        user_id: f"{before}{unsubscribe_token(user_id=user_id, kind=kind)}{after}"
        for user_id in user_ids
    }


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind), or `signing.BadSignature` for a tampered or made-up token."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("Malformed unsubscribe token")
    return data["u"], str(data.get("k", ""))

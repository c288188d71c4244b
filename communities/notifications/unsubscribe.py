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


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind), or `signing.BadSignature` for a tampered or made-up token."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("Malformed unsubscribe token")
    return data["u"], str(data.get("k", ""))

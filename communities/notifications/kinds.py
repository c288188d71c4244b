"""The registry of notification kinds (SPEC §7).

A kind names one sort of email. Members choose a delivery mode for each *preference* kind;
transactional kinds (account verification, password reset, invitations, survey links) always go
out at once: a person asked for them, or cannot act without them.

This module registers communities' own kinds. Every later app registers its kinds with
`register()` in its `AppConfig.ready()` (meetings its reminders, oversight its check-ins and
surveys), so nothing here names them; the settings page lists kinds in registration order.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryMode(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str
    help_text: str = ""
    transactional: bool = False
    default_mode: str = DeliveryMode.IMMEDIATELY
    # False for kinds that are not a choice of their own (the digest carries other kinds).
    in_settings: bool = True


_REGISTRY: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    if kind.key in _REGISTRY and _REGISTRY[kind.key] != kind:
        raise ValueError(f"Notification kind {kind.key!r} is already registered differently")
    _REGISTRY[kind.key] = kind
    return kind


def get_kind(key: str) -> NotificationKind:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"Unknown notification kind {key!r}") from None


def all_kinds() -> list[NotificationKind]:
    return list(_REGISTRY.values())


def preference_kinds() -> list[NotificationKind]:
    """The kinds a member may tune, in the order the settings page lists them."""
    return [kind for kind in _REGISTRY.values() if kind.in_settings and not kind.transactional]


COMMUNITIES_KINDS = (
    NotificationKind("reply", _("Replies"), _("Someone replies in a thread you follow.")),
    NotificationKind("mention", _("Mentions"), _("Someone mentions you with @handle.")),
    NotificationKind(
        "announcement", _("Announcements"), _("A leader posts an announcement in your CoP.")
    ),
    NotificationKind("ping", _("Pings"), _("A leader asks your CoP a one-question ping.")),
    NotificationKind(
        "report", _("Reports to review"), _("A member reports a reply in a CoP you moderate.")
    ),
    NotificationKind(
        "membership",
        _("Membership updates"),
        _("Join requests to review, and answers to your own requests."),
    ),
    NotificationKind("digest", _("Digests"), in_settings=False),
    NotificationKind("email_verification", _("Email verification"), transactional=True),
    NotificationKind("password_reset", _("Password reset"), transactional=True),
    NotificationKind("account_security", _("Account security notices"), transactional=True),
    NotificationKind("invitation", _("Invitations to join a CoP"), transactional=True),
)
for _kind in COMMUNITIES_KINDS:
    register(_kind)

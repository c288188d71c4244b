"""Each member's delivery mode per notification kind (defaults filled in for kinds never set)."""

from communities.models import NotificationPreference, User
from communities.notifications.kinds import get_kind, preference_kinds


def notification_modes(*, user: User) -> dict[str, str]:
    """The delivery mode of every preference kind, defaults filled in for kinds never set."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))
    return {kind.key: chosen.get(kind.key, kind.default_mode) for kind in preference_kinds()}


def notification_mode(*, user: User, kind: str) -> str:
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("mode", flat=True)
        .first()
    )
    return chosen or get_kind(kind).default_mode


def notification_modes_of(*, users, kind: str) -> dict[int, str]:
    """Each person's delivery mode for one kind, in one query (a fan-out to many)."""
    ids = [user.pk for user in users]
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "mode"
        )
    )
    default = get_kind(kind).default_mode
    return {pk: chosen.get(pk, default) for pk in ids}

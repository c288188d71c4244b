from django.db.models import QuerySet

from communities.models import NotificationPreference, User
from communities.notifications.kinds import get_kind, preference_kinds


def profiles_visible_to(viewer) -> QuerySet[User]:
    """People whose profile the viewer may open: every active member, to logged-in viewers."""
    if not viewer.is_authenticated:
        return User.objects.none()
    return User.objects.filter(is_active=True).prefetch_related("expertise", "needs")


def own_account(viewer) -> QuerySet[User]:
    """Only the viewer: settings URLs of anyone else 404 as if they did not exist."""
    if not viewer.is_authenticated:
        return User.objects.none()
    return User.objects.filter(pk=viewer.pk)


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

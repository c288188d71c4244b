"""Every write in communities goes through here: verb-first, keyword-only, one transaction."""

from django.db import transaction
from django.utils.text import slugify

from communities.models import NotificationPreference, Tag, User
from communities.notifications.kinds import DeliveryMode, preference_kinds


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names, creating the missing ones; a name's slug is its identity."""
    wanted = {}
    for name in names:
        slug = slugify(name)
        if slug and slug not in wanted:
            wanted[slug] = name
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    missing = [Tag(name=name, slug=slug) for slug, name in wanted.items() if slug not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    return [existing[slug] for slug in wanted if slug in existing]


PROFILE_FIELDS = ("name", "handle", "organisation", "job_title", "bio", "timezone")


@transaction.atomic
def update_profile(*, user: User, expertise: list[str], needs: list[str], **fields) -> User:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    for field, value in fields.items():
        setattr(user, field, value)
    user.save(update_fields=list(fields))
    user.expertise.set(tags_named(expertise))
    user.needs.set(tags_named(needs))
    return user


@transaction.atomic
def update_notification_preferences(*, user: User, modes: dict[str, str]) -> None:
    allowed = {kind.key for kind in preference_kinds()}
    unknown = set(modes) - allowed
    if unknown:
        raise ValueError(f"Not preference kinds: {sorted(unknown)}")
    invalid = {mode for mode in modes.values() if mode not in DeliveryMode.values}
    if invalid:
        raise ValueError(f"Not delivery modes: {sorted(invalid)}")
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=user, kind=kind, mode=mode) for kind, mode in modes.items()],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["mode"],
    )


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Remove the person. What they wrote stays: authored rows point to no one, shown as
    "a former member"."""
    user.delete()

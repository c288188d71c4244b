"""The outbox benchmark's CoP: MEMBERS people in one CoP, inserted in bulk once and reused.

Members live in a few time zones (emails render times in the reader's zone), so a fan-out meets
the same mix a real CoP would. Earlier runs' announcements and their emails are removed, so each
run starts from the same table sizes."""

from django.db import connection, transaction

SLUG = "bench-mail"
ZONES = ("America/Chicago", "America/New_York", "America/Los_Angeles", "Europe/London", "UTC")


@transaction.atomic
def seed_community(members: int):
    """The CoP and its author (a facilitator); `members` people besides the author."""
    from django.contrib.auth.hashers import make_password

    from communities.models import Community, Membership, MembershipRole, Role, User

    unusable = make_password(None)  # nobody signs in as these people
    community, _created = Community.objects.get_or_create(
        slug=SLUG, defaults={"name": "Outbox bench", "domain": "Benchmarking the outbox"}
    )
    author, _created = User.objects.get_or_create(
        email="bench-mail-author@example.org",
        defaults={"handle": "benchmailauthor", "password": unusable},
    )
    membership, _created = Membership.objects.get_or_create(community=community, user=author)
    MembershipRole.objects.get_or_create(membership=membership, role=Role.FACILITATOR)
    have = Membership.objects.filter(community=community).exclude(user=author).count()
    if have != members:
        Membership.objects.filter(community=community).exclude(user=author).delete()
        User.objects.filter(email__startswith="bench-mail-member-").delete()
        people = User.objects.bulk_create(
            User(
                email=f"bench-mail-member-{number}@example.org",
                handle=f"benchmail{number}",
                name=f"Member {number}",
                timezone=ZONES[number % len(ZONES)],
                password=unusable,
            )
            for number in range(members)
        )
        Membership.objects.bulk_create(
            Membership(community=community, user=person) for person in people
        )
    return community, author


def forget_earlier_runs(community) -> None:
    """Delete the announcements of earlier runs, their notifications and their emails."""
    from communities.discussions.models import FanOut, FanOutEvent, Thread
    from communities.models import Notification, OutboxMessage

    earlier = list(Thread.objects.filter(community=community).values_list("pk", flat=True))
    for pk in earlier:
        OutboxMessage.objects.filter(key__startswith=f"announcement:{pk}:").delete()
    Notification.objects.filter(thread_id__in=earlier).delete()
    FanOut.objects.filter(event=FanOutEvent.THREAD, object_id__in=earlier).delete()
    Thread.objects.filter(pk__in=earlier).delete()
    # Each run deletes 10,000 rows of each: without this, the tables and their eleven indexes
    # grow by every run's dead rows until autovacuum comes by, and inserts slow down.
    with connection.cursor() as cursor:
        for model in (OutboxMessage, Notification):
            cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')

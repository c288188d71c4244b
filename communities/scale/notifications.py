"""Scale notifications: what each member would have under the bell, mostly read."""

import datetime as dt

from cop_platform.scale import ScaleRun
from cop_platform.scale_text import VOCABULARY

NOTIFICATIONS_AT_FACTOR_ONE = 20_000
READ_SHARE = 0.7


def seed_notifications(run: ScaleRun) -> None:
    rng = run.rng
    threads = run.shared["threads"]
    count = run.scaled(NOTIFICATIONS_AT_FACTOR_ONE)
    # Unique per run: a second seeding (--force) must not collide with the first one's keys.
    run_key = f"scale:{threads[0].id}"

    def rows():
        for number in range(count):
            thread = rng.choice(threads)
            recipient = rng.choice(thread.cop.members)
            created = thread.last_activity
            read = created + dt.timedelta(hours=3) if rng.random() < READ_SHARE else None
            yield (
                f"{run_key}:{number}", "reply", VOCABULARY.title(rng), "",
                f"/cops/{thread.cop.slug}/discussions/{thread.id}/", thread.cop.slug,
                "immediately", created, read, recipient, "discussion.read", thread.cop.id,
            )  # fmt: skip

    run.copy(
        "communities_notification",
        [
            "key",
            "kind",
            "title",
            "body",
            "url",
            "group",
            "email_mode",
            "created_at",
            "read_at",
            "recipient_id",
            "capability",
            "community_id",
        ],
        rows(),
    )

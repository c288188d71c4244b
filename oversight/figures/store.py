"""Writing a chunk's figures: one upsert of the CoPs' health rows, one of their weeks, and one
delete of the weeks that fell out of the window."""

import datetime as dt

from oversight.health import assess
from oversight.models import CommunityHealth, WeeklyActivity

# Everything a refresh recomputes; `community` is the key the upsert matches on.
HEALTH_FIELDS = [
    field.name for field in CommunityHealth._meta.concrete_fields if field.name != "community"
]


def health_row(cop: int, figures: dict, computed_at: dt.datetime) -> CommunityHealth:
    """The CoP's row with its flag and reasons: `assess` reads the figures as the dashboard
    will, so the flag and the words under it never disagree."""
    values = {name: figures[name] for name in HEALTH_FIELDS if name in figures}
    row = CommunityHealth(community_id=cop, computed_at=computed_at, **values)
    flag, reasons = assess(row, computed_at.astimezone(dt.UTC).date())
    row.flag, row.reasons = flag, reasons
    return row


def store_health(rows: list[CommunityHealth]) -> None:
    CommunityHealth.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["community"],
        update_fields=HEALTH_FIELDS,
    )


def store_weeks(weeks: dict[int, dict], first_week: dt.date) -> None:
    rows = [
        WeeklyActivity(
            community_id=cop,
            week=week,
            posts=counts["posts"],
            present=counts["present"],
            absent=counts["absent"],
        )
        for cop, by_week in sorted(weeks.items())
        for week, counts in sorted(by_week.items())
    ]
    WeeklyActivity.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["community", "week"],
        update_fields=["posts", "present", "absent"],
    )
    WeeklyActivity.objects.filter(community_id__in=list(weeks), week__lt=first_week).delete()

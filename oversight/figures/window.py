"""The moments every figure of one refresh counts from, all taken from one `now` (UTC)."""

import datetime as dt
from dataclasses import dataclass

ACTIVE_DAYS = 30  # active members, posts
MEETING_DAYS = 90  # meetings held, attendance
UNANSWERED_DAYS = 14  # a question waiting this long counts as unanswered
WEEKS = 12  # the weeks the activity charts draw


@dataclass(frozen=True)
class Window:
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(dt.UTC).date()

    @property
    def active_since(self) -> dt.datetime:
        return self.now - dt.timedelta(days=ACTIVE_DAYS)

    @property
    def meetings_since(self) -> dt.datetime:
        return self.now - dt.timedelta(days=MEETING_DAYS)

    @property
    def unanswered_before(self) -> dt.datetime:
        return self.now - dt.timedelta(days=UNANSWERED_DAYS)

    @property
    def weeks(self) -> list[dt.date]:
        """The Mondays (UTC) of the last twelve weeks, this one last."""
        this_monday = self.today - dt.timedelta(days=self.today.weekday())
        return [this_monday - dt.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]

    @property
    def weeks_since(self) -> dt.datetime:
        first = self.weeks[0]
        return dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC)

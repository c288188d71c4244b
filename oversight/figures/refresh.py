"""The refresh itself: which CoPs, in chunks, each chunk in a fixed number of queries.

Per chunk of up to 500 CoPs: the CoPs' own figures (1 query), weekly and 30-day posts (2),
weekly attendance (1), activity (1, and 1 more when some CoPs had none in 30 days),
attendance (1), meetings held (1), evaluation scores (1), then in one transaction the health
upsert (1), the weeks' upsert (1) and the old weeks' delete (1): 11 or 12 queries, and the
transaction's two statements."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from communities.models import Community, Stage
from oversight.figures.activity import activity_figures
from oversight.figures.cops import cop_figures
from oversight.figures.evaluations import evaluation_scores
from oversight.figures.meetings import attendance_figures, meetings_held
from oversight.figures.store import health_row, store_health, store_weeks
from oversight.figures.weekly import weekly_figures
from oversight.figures.window import Window

# Enough CoPs that a refresh of the whole platform is a handful of round trips, few enough
# that each query's list of ids and each upsert's parameters stay small.
CHUNK_SIZE = 500

# The figures a CoP with no rows of a kind gets (a CoP nobody has attended has no rate).
EMPTY = {
    "present": 0,
    "absent": 0,
    "attendance_rate": None,
    "meetings_held": 0,
    "active_members": 0,
    "last_activity_at": None,
    "evaluation_score": None,
}
FIGURES = (activity_figures, attendance_figures, meetings_held, evaluation_scores)


def refresh_health(*, community_ids=None, now: dt.datetime | None = None) -> int:
    """Recompute the figures, flag and weeks of the given CoPs (default: every CoP), returning
    how many were refreshed. An archived CoP is skipped, even when named: it is read-only, and
    its last figures stay as they were when it closed."""
    window = Window(now or timezone.now())
    cops = Community.objects.exclude(stage=Stage.ARCHIVED)
    if community_ids is not None:
        cops = cops.filter(pk__in=list(community_ids))
    ids = list(cops.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK_SIZE):
        _refresh_chunk(ids[start : start + CHUNK_SIZE], window)
    return len(ids)


def _refresh_chunk(ids: list[int], window: Window) -> None:
    figures = cop_figures(ids, window)
    weeks, posts = weekly_figures(list(figures), window)
    for cop, values in posts.items():
        figures[cop] |= values
    for compute in FIGURES:
        for cop, values in compute(ids, window).items():
            # A CoP deleted since the first query has no row to add to, and gets none.
            if cop in figures:
                figures[cop] |= values
    rows = []
    # In id order, as the weeks are: two refreshes of overlapping CoPs (the beat's and a
    # "refresh now") then lock rows in the same order and wait for each other, never deadlock.
    for cop, found in sorted(figures.items()):
        values = EMPTY | found
        # A CoP just created has done nothing yet, and is not silent for it.
        created = values["created_at"]
        if values["last_activity_at"] is None or values["last_activity_at"] < created:
            values["last_activity_at"] = created
        rows.append(health_row(cop, values, window.now))
    with transaction.atomic():
        store_health(rows)
        store_weeks(weeks, window.weeks[0])

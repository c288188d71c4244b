"""The CoPs' figures for the scale data (`manage.py seed_scale`), registered last in
`OversightConfig.ready()`: the bench's dashboards then read computed figures, as they would
after the first beat, rather than empty ones.

It runs inside the seeding transaction, on its connection, over rows nobody has analysed yet:
PostgreSQL's statistics would still say the tables are empty, and the refresh's grouped
queries would be planned for empty tables. ANALYZE inside the transaction counts the
transaction's own rows, so the refresh is planned for the data it reads."""

import time

from django.db import connection
from django.utils import timezone

from cop_platform.scale import ScaleRun
from oversight.figures import refresh_health
from oversight.models import CommunityHealth, WeeklyActivity


def _analyze(tables) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


def seed_health(run: ScaleRun) -> None:
    _analyze(list(run.counts))
    started = time.monotonic()
    # Now, not the run's midnight: the dashboards say "as of" this moment.
    refreshed = refresh_health(now=timezone.now())
    run.out(f"  {refreshed:,} CoPs' figures refreshed {time.monotonic() - started:7.1f} s")
    for model in (CommunityHealth, WeeklyActivity):
        # Counted, so the command's final ANALYZE covers these tables too.
        run.counts[model._meta.db_table] = model.objects.count()

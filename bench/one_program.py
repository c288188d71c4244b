"""The program dashboard of 500 CoPs: issue 14's aim is at most 15 queries and a median under
150 ms for it.

The 10x scale data spreads its program CoPs over 20 programs (about 15 each), so no page that
`make bench` drives shows a program of 500. This script takes the 10x bench database (built or
reused as `make bench` does), moves every open CoP into one program inside a transaction it
rolls back, refreshes their figures, and times the dashboard and its CSV in-process, through
Django's test client (no gunicorn, no network: a little less than the server would take).
`make bench-dashboard`; bench/README.md.
"""

import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import database_url, ensure_database  # noqa: E402

FACTOR = 10
REQUESTS = 25
VIEWS = ("", "?sort=-posts", "?flag=2_watch", "csv/")


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "http://testserver",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url(FACTOR),
    }


def measure(client, url: str) -> tuple[int, int, list[float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return response.status_code, len(queries), times


def main() -> None:
    env = environment()
    ensure_database(FACTOR, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import transaction
    from django.test import Client

    from communities.models import Community, Program, Stage
    from oversight.figures import refresh_health

    with transaction.atomic():
        program = Program.objects.order_by("pk").first()
        cops = Community.objects.exclude(stage=Stage.ARCHIVED).update(program=program)
        started = time.perf_counter()
        refresh_health()
        print(f"refresh_health, {cops} CoPs: {time.perf_counter() - started:.2f} s")
        client = Client()
        client.force_login(program.leaders.order_by("pk").first())
        print(f"{'view':<50} status  queries  median     p90")
        for view in VIEWS:
            url = f"/programs/{program.slug}/dashboard/{view}"
            status, queries, times = measure(client, url)
            median, p90 = statistics.median(times), statistics.quantiles(times, n=10)[-1]
            print(f"{url:<50} {status:>6} {queries:>8} {median:>6.1f}ms {p90:>6.1f}ms")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()

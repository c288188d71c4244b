"""Benchmark of the outbox: record 10,000 rendered emails, deliver them with two workers.

Run with `make bench-mail` (PostgreSQL at 127.0.0.1 as for `make test`). It starts its own Redis
and SMTP sink on free ports and two Celery worker processes, and prints messages per second
recorded (rendered, committed rows) and delivered (accepted by the SMTP server, marked sent).
"""

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.services import RedisServer  # noqa: E402
from tests.smtp import free_port  # noqa: E402

COUNT = int(os.environ.get("BENCH_COUNT", "10000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# Delivery mostly waits on the SMTP server and the database; threads let each worker overlap
# those waits. BENCH_POOL=solo measures one message at a time per worker.
POOL = os.environ.get("BENCH_POOL", "threads")
THREADS = os.environ.get("BENCH_THREADS", "4")
KEY_PREFIX = "bench:"


def environment(redis_url: str, smtp_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cop_platform.settings",
        DEBUG="0",
        HTTPS="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=env.get(
            "DATABASE_URL", "postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_platform"
        ),
        REDIS_URL=redis_url,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_port),
        LOG_LEVEL="WARNING",
    )
    return env


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    redis_server = RedisServer(workdir).start()
    smtp_port = free_port()
    env = environment(redis_server.url, smtp_port)
    os.environ.update(env)
    processes = [
        subprocess.Popen([sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(smtp_port)])  # noqa: S603
    ]
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from communities.models import OutboxMessage, OutboxStatus

        OutboxMessage.objects.filter(key__startswith=KEY_PREFIX).delete()
        for number in range(WORKERS):
            log = (workdir / f"worker-{number}.log").open("w")
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "cop_platform",
                        "worker",
                        "--pool=solo",
                        "--without-gossip",
                        "--without-mingle",
                        "--loglevel=WARNING",
                        f"--hostname=bench{number}@%h",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        time.sleep(3)  # let the workers connect before the clock starts

        recorded_in = record(COUNT)
        started = time.monotonic()
        ours = OutboxMessage.objects.filter(key__startswith=KEY_PREFIX)
        # Polled through the status index, and not too often: the poll shares the two cores.
        pending = OutboxMessage.objects.filter(
            status__in=(OutboxStatus.PENDING, OutboxStatus.SENDING)
        )
        while pending.exists():
            if time.monotonic() - started > 600:
                raise SystemExit(f"Gave up: {pending.count()} messages still not sent")
            time.sleep(0.25)
        delivered_in = time.monotonic() - started
        failed = ours.exclude(status=OutboxStatus.SENT).count()
        if failed:
            raise SystemExit(f"{failed} messages were not delivered; see {workdir}")

        print(f"messages:  {COUNT}, workers: {WORKERS} ({POOL} pool, concurrency {THREADS})")
        print(f"recorded:  {COUNT / recorded_in:8.0f} messages/s ({recorded_in:.2f} s)")
        print(f"delivered: {COUNT / delivered_in:8.0f} messages/s ({delivered_in:.2f} s)")
        OutboxMessage.objects.filter(key__startswith=KEY_PREFIX).delete()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        redis_server.stop()


def record(count: int) -> float:
    """Render and record `count` emails in one transaction; the clock stops at commit."""
    from django.db import transaction

    from communities.notifications.outbox import OutgoingEmail, record_emails
    from communities.notifications.rendering import render_kind_email

    started = time.monotonic()
    with transaction.atomic():
        outgoing = [
            OutgoingEmail(
                key=f"{KEY_PREFIX}{number}",
                kind="announcement",
                to_email=f"member{number}@example.org",
                email=render_kind_email(
                    kind="announcement",
                    context={
                        "title": f"Meeting moved (notice {number})",
                        "message": "Our monthly meeting moves to Thursday at 15:00.",
                        "group": "Recovery Leaders",
                        "url": "https://cop.example.org/",
                    },
                    zone_name="America/Chicago",
                ),
            )
            for number in range(count)
        ]
        record_emails(outgoing)
    return time.monotonic() - started


if __name__ == "__main__":
    main()

"""Benchmark of the outbox on the production path: one announcement to a CoP of 10,000 members,
fanned out and delivered by two Celery workers to a local SMTP sink.

Run with `make bench-mail` (PostgreSQL at 127.0.0.1 as for `make test`; bench/README.md). It
starts its own Redis, SMTP sink and worker processes, seeds (or reuses) the CoP in its own
database, posts the announcement through `start_thread` as the thread form does, and times what
the workers do with it. Only this run's messages count: the announcement's keys, and the
Message-IDs the sink received. `BENCH_PROFILE=1` runs each worker under pyinstrument.
"""

import collections
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import create_database_if_missing  # noqa: E402
from bench.mail_seed import forget_earlier_runs, seed_community  # noqa: E402
from tests.services import RedisServer  # noqa: E402
from tests.smtp import free_port  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# As `make worker` runs them: Celery's prefork pool, one child per core. BENCH_POOL=solo runs one
# process per worker (a child waiting on the SMTP server then leaves its core idle).
POOL = os.environ.get("BENCH_POOL", "prefork")
CONCURRENCY = os.environ.get("BENCH_CONCURRENCY", str(os.cpu_count() or 1))
PROFILE = os.environ.get("BENCH_PROFILE", "") not in ("", "0")
GIVE_UP_SECONDS = 900


def environment(redis_url: str, smtp_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cop_platform.settings",
        DEBUG="0",
        HTTPS="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=env.get(
            "DATABASE_URL", "postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_bench_mail"
        ),
        REDIS_URL=redis_url,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_port),
        LOG_LEVEL="WARNING",
    )
    return env


def worker_command(number: int, workdir: Path) -> list[str]:
    celery = ["-m", "celery", "-A", "cop_platform", "worker", f"--pool={POOL}"]
    if POOL != "solo":
        celery.append(f"--concurrency={CONCURRENCY}")
    celery += ["--without-gossip", "--without-mingle", "--loglevel=WARNING"]
    celery.append(f"--hostname=bench{number}@%h")
    if PROFILE:
        profile = workdir / f"profile-worker-{number}.txt"
        # Sampled every 5 ms: at pyinstrument's default 1 ms, writing a worker's profile at exit
        # took minutes and the profile slowed the worker threefold.
        pyinstrument = ["-m", "pyinstrument", "--interval=0.005", "--no-color", "-o", str(profile)]
        return [sys.executable, *pyinstrument, *celery]
    return [sys.executable, *celery]


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-mail-"))
    redis_server = RedisServer(workdir).start()
    smtp_port = free_port()
    received_file = workdir / "received.txt"
    env = environment(redis_server.url, smtp_port)
    os.environ.update(env)
    create_database_if_missing(env["DATABASE_URL"])
    sink = [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(smtp_port)]
    processes = [subprocess.Popen([*sink, str(received_file)])]  # noqa: S603
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        community, author = seed_community(MEMBERS)
        forget_earlier_runs(community)
        for number in range(WORKERS):
            log = (workdir / f"worker-{number}.log").open("w")
            processes.append(
                subprocess.Popen(  # noqa: S603
                    worker_command(number, workdir),
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        time.sleep(5)  # let the workers connect before the clock starts
        report(run(community, author, received_file), workdir)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=300 if PROFILE else 60)  # a profile is written at exit
        redis_server.stop()
    if PROFILE:
        print(f"profiles:  {workdir}/profile-worker-*.txt")


def run(community, author, received_file: Path) -> dict:
    """Post the announcement and wait until the workers have recorded and delivered it."""
    from django.utils import timezone

    from communities.discussions.models import FanOut, FanOutEvent, ThreadKind
    from communities.discussions.services import start_thread

    posted_at = timezone.now()
    thread = start_thread(
        actor=author,
        community=community,
        kind=ThreadKind.ANNOUNCEMENT,
        title="Our monthly meeting moves to Thursday",
        body="From next month we meet on **Thursday at 15:00**. The agenda follows.",
    )
    fan_out = FanOut.objects.filter(event=FanOutEvent.THREAD, object_id=thread.pk)
    wait_for(lambda: fan_out.filter(done_at__isnull=False).exists(), "the fan-out")
    recorded_at = fan_out.get().done_at
    ours = ours_of(thread)
    expected = set(ours.values_list("message_id", flat=True))
    wait_for(lambda: not ours.exclude(status="sent").exists(), "every message marked sent")
    wait_for(lambda: expected <= received_ids(received_file), "the sink to receive them all")
    return {"thread": thread, "posted_at": posted_at, "recorded_at": recorded_at}


def ours_of(thread):
    from communities.models import OutboxMessage

    return OutboxMessage.objects.filter(key__startswith=f"announcement:{thread.pk}:")


def received_ids(received_file: Path) -> set[str]:
    return set(received_file.read_text().split()) if received_file.exists() else set()


def wait_for(condition, what: str) -> None:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > GIVE_UP_SECONDS:
            raise SystemExit(f"Gave up waiting for {what}")
        # Not too often: the poll shares the two cores with the workers.
        time.sleep(0.5)


def report(result: dict, workdir: Path) -> None:
    from django.db.models import Count, Max, Min

    ours = ours_of(result["thread"])
    span = ours.aggregate(
        count=Count("pk"), first_recorded=Min("created_at"), last_sent=Max("sent_at")
    )
    count = span["count"]
    recording = (result["recorded_at"] - result["posted_at"]).total_seconds()
    delivering = (span["last_sent"] - span["first_recorded"]).total_seconds()
    arrivals = collections.Counter((workdir / "received.txt").read_text().split())
    mine = set(arrivals) & set(ours.values_list("message_id", flat=True))
    pool = "solo" if POOL == "solo" else f"{POOL}, concurrency {CONCURRENCY}"
    print(f"members:   {MEMBERS}; messages recorded: {count}; received by the sink: {len(mine)}")
    print(f"workers:   {WORKERS} Celery processes ({pool} pool){', profiled' if PROFILE else ''}")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load:      {load} (1, 5, 15 min) on {os.cpu_count()} cores, after the run")
    rate = count / recording
    print(f"recorded:  {rate:8.0f} messages/s ({recording:.2f} s, post to end of fan-out)")
    print(
        f"delivered: {count / delivering:8.0f} messages/s "
        f"({delivering:.2f} s, first recorded to last marked sent; overlaps the recording)"
    )
    end_to_end = (span["last_sent"] - result["posted_at"]).total_seconds()
    print(f"end to end: {end_to_end:.2f} s from the post to the last message sent")
    twice = sum(1 for message_id in mine if arrivals[message_id] > 1)
    if twice:
        print(f"duplicates: {twice} messages reached the sink more than once")


if __name__ == "__main__":
    main()

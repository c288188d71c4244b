"""`make bench`: the seeded pages served by gunicorn (DEBUG off), driven over loopback by wrk.

For each factor (FACTOR, default "1 10"): build or reuse `cop_bench_x<factor>`
(bench/databases.py); log seeded people in and count each page's queries (bench/targets.py, a
separate process); then per page a cold run (gunicorn restarted, the Redis cache flushed) and
warm runs alternating with the bare page, A B A B. Every wrk run lasts DURATION seconds (COLD for
cold runs). One table at the end (bench/report.py). Not a test: nothing here asserts a speed.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import database_url, ensure_database  # noqa: E402
from bench.report import PageResult, Run, combine, table  # noqa: E402
from tests.smtp import free_port  # noqa: E402

WORKDIR = ROOT / ".bench"
FACTORS = os.environ.get("BENCH_FACTORS", "1 10").replace(",", " ").split()
DURATION = float(os.environ.get("BENCH_DURATION", "4"))
COLD_DURATION = float(os.environ.get("BENCH_COLD_DURATION", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
WEB_WORKERS = os.environ.get("BENCH_WEB_WORKERS", "2")
# As many connections as workers: each request finds a free worker, so its latency is the
# server's time, not time queued behind other requests (more connections measure queueing).
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", WEB_WORKERS)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
STARTUP_SECONDS = 30


def environment(port: int) -> dict[str, str]:
    # Production's settings from the environment, as a deployment sets them; bench.settings adds
    # the bare page and plain HTTP.
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


class Server:
    """gunicorn with the production config file, on a free loopback port."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c", str(ROOT / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", WEB_WORKERS,
            "--access-logfile", "/dev/null",
        ]  # fmt: skip
        with self.log.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, env=self.env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/accounts/login/", timeout=5)
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not start; see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def wrk(port: int, targets: Path, seconds: float) -> Run:
    command = [
        "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "wrk.lua"), f"http://127.0.0.1:{port}", "--", str(targets),
    ]  # fmt: skip
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return Run(**json.loads(line.removeprefix("BENCH ")))


def bench_factor(factor: str, pages: list[str]) -> list[PageResult]:
    port = free_port()
    env = environment(port)
    env["DATABASE_URL"] = database_url(float(factor))
    ensure_database(float(factor), {**env, "DJANGO_SETTINGS_MODULE": "cop_platform.settings"})
    outdir = WORKDIR / f"x{factor}"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env=env, check=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    print(f"x{factor}: logging people in, counting queries", flush=True)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "targets.py"), str(outdir), *pages],
        env=env, check=True, timeout=600,
    )  # fmt: skip
    # bench/targets.py checked the names and wrote the pages in the table's order, bare first.
    queries = json.loads((outdir / "queries.json").read_text())
    pages = [page for page, count in queries.items() if count is not None]
    server = Server(env, port, outdir / "gunicorn.log")
    results = []
    try:
        for page in pages:
            results.append(measure(server, page, outdir, factor, queries[page]))
    finally:
        server.stop()
    return results


def measure(server: Server, page: str, outdir: Path, factor: str, queries: int) -> PageResult:
    targets = outdir / f"{page}.targets"
    server.stop()
    flush_cache()
    server.start()
    cold = combine([wrk(server.port, targets, COLD_DURATION)])
    bare_runs, page_runs = [], []
    for _ in range(ROUNDS):
        bare_runs.append(wrk(server.port, outdir / "bare.targets", DURATION))
        # The bare page's own row is its runs, not runs alternating with themselves.
        if page != "bare":
            page_runs.append(wrk(server.port, targets, DURATION))
    page_runs = page_runs or bare_runs
    result = PageResult(
        page, f"{factor}x", combine(page_runs), combine(bare_runs), cold=cold, queries=queries
    )
    print(
        f"  x{factor} {page}: {result.warm.rps:.1f} req/s, median {result.warm.p50_ms:.1f} ms",
        flush=True,
    )
    return result


def main() -> None:
    pages = [page for page in os.environ.get("BENCH_PAGES", "").split(",") if page]
    results = []
    for factor in FACTORS:
        results += bench_factor(factor, pages)
    print()
    print(
        f"gunicorn {WEB_WORKERS} sync workers, wrk 1 thread {CONNECTIONS} connections, "
        f"{ROUNDS} x {DURATION:g} s warm per page alternating with the bare page, "
        f"{COLD_DURATION:g} s cold (gunicorn restarted, Redis cache flushed; PostgreSQL's own "
        f"cache stays warm); {os.cpu_count()} cores shared with whatever else runs."
    )
    print(table(results, small=f"{FACTORS[0]}x", large=f"{FACTORS[-1]}x"))


if __name__ == "__main__":
    main()

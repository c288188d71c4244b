"""Real Celery processes for tests about background work: workers, beat, and app scripts."""

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from cop_platform.celery import app as celery_app

# wait_until is re-exported: tests that start workers import both from here.
from tests.deadlines import scaled, wait_until  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def app_env(**overrides: str) -> dict[str, str]:
    """Environment for an app process that uses the test database (pytest-django's `test_…`)
    and, unless overridden, the suite's Redis."""
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cop_platform.settings_test",
        CELERY_EAGER="0",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        REDIS_URL=settings.REDIS_URL,
    )
    env.update(overrides)
    return env


def start_celery(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    with log_path.open("a") as log:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "cop_platform", *args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def start_worker(env: dict[str, str], log_path: Path) -> subprocess.Popen:
    return start_celery(
        ["worker", "--pool=solo", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        env,
        log_path,
    )


def start_beat(env: dict[str, str], workdir: Path) -> subprocess.Popen:
    return start_celery(
        ["beat", "--loglevel=INFO", f"--schedule={workdir / 'beat-schedule'}"],
        env,
        workdir / "beat.log",
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=scaled(20))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_app_code(code: str, env: dict[str, str]) -> str:
    """Run Python in a fresh app process (its own broker connection), as a web request would."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=scaled(120),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@contextlib.contextmanager
def running_worker(log_path: Path):
    """A worker on the suite's Redis; tasks sent from this process go to it, not in-process."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    process = start_worker(app_env(), log_path)
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager = eager
        stop(process)

"""A real Celery worker process for tests about background work."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from cop_platform.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def worker_env() -> dict[str, str]:
    """The worker talks to the test database (pytest-django's `test_…`) and the test Redis."""
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cop_platform.settings_test",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        REDIS_URL=settings.REDIS_URL,
    )
    return env


@contextlib.contextmanager
def running_worker(log_path: Path):
    """Start `celery worker` as a subprocess, let tasks be sent to it, stop it afterwards."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    with log_path.open("w") as log:
        process = subprocess.Popen(
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
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=worker_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            celery_app.conf.task_always_eager = eager
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until(condition, timeout: float = 30, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()

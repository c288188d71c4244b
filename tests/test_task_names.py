"""Tasks live in each module's own `tasks.py`, under names pinned to where they were first
declared: messages already queued, and the beat schedule, must keep finding them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

PINNED_NAMES = {
    "communities.tasks.send_outbox_messages_task",
    "communities.tasks.dispatch_due_task",
    "communities.tasks.purge_outbox_bodies_task",
    "communities.tasks.run_member_import_task",
    "communities.tasks.announce_thread_task",
    "communities.tasks.send_ping_emails_task",
    "communities.discussions.tasks.fan_out_task",
    "cop_platform.tasks.clear_expired_sessions_task",
    "meetings.tasks.send_reminders_task",
    "meetings.tasks.extend_reminders_task",
}

# What a worker does at start: set Django up, then import the modules Celery discovers.
WORKER_VIEW = """
import json
import django
django.setup()
from django.conf import settings
from cop_platform.celery import app
app.loader.import_default_modules()
schedule = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
print(json.dumps({"tasks": sorted(app.tasks), "schedule": schedule}))
"""


def worker_view() -> dict:
    # Celery's Django fix-up runs the system checks, which connect: point it at the test database.
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cop_platform.settings_test",
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WORKER_VIEW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_fresh_worker_knows_every_pinned_task_name():
    view = worker_view()

    assert set(view["tasks"]) >= PINNED_NAMES, PINNED_NAMES - set(view["tasks"])


@pytest.mark.django_db
def test_every_beat_entry_names_a_task_the_worker_knows():
    view = worker_view()

    assert set(view["schedule"]) <= set(view["tasks"])

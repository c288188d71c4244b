import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from cop_platform.tasks import clear_expired_sessions_task
from tests.workers import running_worker, wait_until


def make_session(expires_in: dt.timedelta) -> str:
    store = SessionStore()
    store["note"] = "test"
    store.set_expiry(timezone.now() + expires_in)
    store.create()
    return store.session_key


# A live worker cannot see rows inside the test's transaction: the test commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_sent_through_redis(tmp_path):
    expired = make_session(dt.timedelta(seconds=-1))
    current = make_session(dt.timedelta(days=1))
    # Backdate: set_expiry refuses to create an already expired session.
    Session.objects.filter(session_key=expired).update(
        expire_date=timezone.now() - dt.timedelta(hours=1)
    )

    log = tmp_path / "worker.log"
    with running_worker(log):
        clear_expired_sessions_task.delay()
        gone = wait_until(lambda: not Session.objects.filter(session_key=expired).exists())

    assert gone, log.read_text()
    assert Session.objects.filter(session_key=current).exists()
    assert "clear_expired_sessions_task" in log.read_text()

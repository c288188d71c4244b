"""Settings for the test suite: real PostgreSQL and Redis at 127.0.0.1, plain HTTP."""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ.setdefault(
    "DATABASE_URL", "postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_platform"
)
# Database 15 is the suite's own: it is flushed before each test, so rate-limit counters and
# queues never leak between tests or runs.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("HTTPS", "0")


def redis_url_of_xdist_worker(base_url: str, worker: str) -> str:
    """Worker gwN of pytest-xdist flushes its own Redis db: N below the base db of REDIS_URL
    (base 15: gw0 on 15, gw1 on 14, …), as pytest-django gives it its own test database."""
    parts = urlsplit(base_url)
    base_db = int(parts.path.strip("/") or 0)
    db = base_db - int(worker.removeprefix("gw"))
    if db < 0:
        raise ImproperlyConfigured(
            f"REDIS_URL {base_url!r} leaves no Redis db for xdist worker {worker} (db {db}): "
            "workers count down from the base db, so use a higher one or fewer workers (-n)."
        )
    return urlunsplit(parts._replace(path=f"/{db}"))


# Derived once, in the xdist worker itself. REDIS_URL is rewritten for the settings below and for
# the processes the worker starts (Celery workers), which inherit the marker and keep the URL
# they are given instead of deriving again.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker and os.environ.get("TEST_REDIS_DERIVED_FOR") != _xdist_worker:
    os.environ["REDIS_URL"] = redis_url_of_xdist_worker(os.environ["REDIS_URL"], _xdist_worker)
    os.environ["TEST_REDIS_DERIVED_FOR"] = _xdist_worker

# The base settings read the environment as they are imported, so they come after it is set.
from cop_platform.settings import *  # noqa: E402, F403
from cop_platform.settings import (  # noqa: E402
    CELERY_BEAT_SCHEDULE,
    CELERY_BROKER_TRANSPORT_OPTIONS,
    env_bool,
)
from tests.deadlines import scaled  # noqa: E402

# The unit suite runs tasks in-process after commit; tests about delivery itself start a real
# worker against Redis (tests/workers.py), which sets CELERY_EAGER=0 for that worker.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", default=True)

# Short clocks, so fault tests see leases expire and the sweeper act within seconds.
OUTBOX_SWEEP_SECONDS = float(os.environ.get("OUTBOX_SWEEP_SECONDS", "1"))
OUTBOX_LEASE_SECONDS = float(os.environ.get("OUTBOX_LEASE_SECONDS", "1"))
OUTBOX_REQUEUE_AFTER_SECONDS = float(os.environ.get("OUTBOX_REQUEUE_AFTER_SECONDS", "2"))
OUTBOX_RETRY_BASE_SECONDS = 0.5
OUTBOX_RETRY_MAX_SECONDS = 2
OUTBOX_BATCH_SIZE = 20
CELERY_BEAT_SCHEDULE["dispatch-due"]["schedule"] = OUTBOX_SWEEP_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "health_check_interval": 1,
    # A busy machine answers late; a timeout would read as a lost broker (tests/deadlines.py).
    "socket_timeout": scaled(3),
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

# Every test client builds the middleware anew; without autorefresh WhiteNoise would index all
# of STATIC_ROOT each time (a tenth of a second per test). It finds files on request instead.
WHITENOISE_AUTOREFRESH = True

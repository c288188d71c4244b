"""Settings for the test suite: real PostgreSQL and Redis at 127.0.0.1, plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ.setdefault(
    "DATABASE_URL", "postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_platform"
)
# Database 15 is the suite's own: it is flushed before each test, so rate-limit counters and
# queues never leak between tests or runs.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("HTTPS", "0")

from cop_platform.settings import *  # noqa: F403
from cop_platform.settings import (
    CELERY_BEAT_SCHEDULE,
    CELERY_BROKER_TRANSPORT_OPTIONS,
    env_bool,
)

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
    "socket_timeout": 3,
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

# Every test client builds the middleware anew; without autorefresh WhiteNoise would index all
# of STATIC_ROOT each time (a tenth of a second per test). It finds files on request instead.
WHITENOISE_AUTOREFRESH = True

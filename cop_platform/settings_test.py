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

# The unit suite runs tasks in-process after commit; tests about delivery itself start a real
# worker against Redis and say so.
CELERY_TASK_ALWAYS_EAGER = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

"""The Celery app: on Redis when REDIS_URL is set; otherwise (`make run`, DEBUG on) on kombu's
filesystem transport, with a real worker and beat all the same. Only the test suite runs tasks
in-process (settings_test)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_platform.settings")

app = Celery("cop_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule is static, in settings (CELERY_BEAT_SCHEDULE): django-celery-beat does not
# support Django 6.1. What is due lives in the database; beat only wakes the tasks that look.

# Options for a publish that must not hold up its caller (a request's on-commit hook, the
# sweeper): one immediate retry, for a pooled connection a restarted Redis left stale, instead of
# Celery's default of three spaced ones, each up to the connect timeout. A caller that still fails
# leaves its work recorded in the database, and a due-finder publishes it again.
PUBLISH_AT_ONCE = {
    "retry": True,
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0, "interval_max": 0},
}

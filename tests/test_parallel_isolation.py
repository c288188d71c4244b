"""Under pytest-xdist each worker flushes a Redis db of its own, and so do the Celery processes
it starts: two workers never share a queue or lose each other's keys to a flush."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cop_platform.settings_test import redis_url_of_xdist_worker
from tests.workers import app_env, run_app_code

SHOW_REDIS = "from django.conf import settings; print(settings.CACHES['default']['LOCATION'])"


def test_xdist_workers_count_down_from_the_base_redis_db():
    urls = [redis_url_of_xdist_worker("redis://127.0.0.1:6379/15", f"gw{n}") for n in range(4)]

    assert urls == [f"redis://127.0.0.1:6379/{db}" for db in (15, 14, 13, 12)]


def test_a_base_redis_db_too_low_for_the_worker_is_refused():
    with pytest.raises(ImproperlyConfigured, match="use a higher one or fewer workers"):
        redis_url_of_xdist_worker("redis://127.0.0.1:6379/1", "gw2")


def test_a_process_started_by_a_worker_derives_its_redis_db_once():
    base = app_env(REDIS_URL="redis://127.0.0.1:6379/15", PYTEST_XDIST_WORKER="gw2")
    base.pop("TEST_REDIS_DERIVED_FOR", None)
    given = {**base, "REDIS_URL": "redis://127.0.0.1:6379/9", "TEST_REDIS_DERIVED_FOR": "gw2"}

    assert run_app_code(SHOW_REDIS, base).split()[-1] == "redis://127.0.0.1:6379/13"
    # A Celery worker started from xdist worker gw2 is handed gw2's URL (or a fault test's own
    # Redis) and the marker, and keeps that URL.
    assert run_app_code(SHOW_REDIS, given).split()[-1] == "redis://127.0.0.1:6379/9"

"""One Redis serves broker and cache unless REDIS_CACHE_URL gives the cache (and the sessions
read through it) a Redis of its own, as the README's "Running at scale" advises."""

from tests.derived_settings import derived_settings

BROKER = "redis://10.0.0.5:6379/0"
CACHE = "redis://10.0.0.6:6379/0"
NAMES = ["CELERY_BROKER_URL", "CACHES", "SESSION_ENGINE"]


def test_broker_and_cache_share_redis_url_by_default():
    derived = derived_settings(NAMES, unset=("REDIS_CACHE_URL",), REDIS_URL=BROKER)

    assert derived["CELERY_BROKER_URL"] == BROKER
    assert derived["CACHES"]["default"]["LOCATION"] == BROKER


def test_the_cache_and_sessions_move_to_redis_cache_url_when_it_is_set():
    derived = derived_settings(NAMES, REDIS_URL=BROKER, REDIS_CACHE_URL=CACHE)

    assert derived["CELERY_BROKER_URL"] == BROKER
    assert derived["CACHES"]["default"]["LOCATION"] == CACHE
    assert derived["SESSION_ENGINE"] == "cop_platform.sessions"

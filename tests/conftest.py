import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests.collected_static import collect_if_stale
from tests.smtp import SmtpServer


def _reachable(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    # A missing service fails the run with what to do, never a skip.
    if not settings.REDIS_URL or not _reachable(settings.REDIS_URL, 6379):
        pytest.exit(
            f"Redis is not reachable at {settings.REDIS_URL!r}. Run 'make test' (it starts Redis) "
            "or install it: apt-get install -y redis-server",
            returncode=3,
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit("The suite runs on PostgreSQL: set DATABASE_URL or run 'make test'.", 3)
    # Once per run, by the process that starts pytest-xdist's workers (or the only process)
    # before they start: pages need the static manifest.
    if not hasattr(session.config, "workerinput"):
        collect_if_stale()


@pytest.fixture(scope="session", autouse=True)
def _media_of_the_run(tmp_path_factory):
    """Uploaded files land in a folder of the run's own (STORAGES' default FileSystemStorage
    follows MEDIA_ROOT), never in the checkout's media/. One for the run, so objects a
    module-scoped fixture stores (the permission matrix's world) are there for its tests;
    `media_root` gives a test an empty one of its own."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty MEDIA_ROOT of this test's own: what it stores, and only that, is found there."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _fresh_redis():
    """Each test starts with the suite's own Redis database empty (rate limits, queues)."""
    cache.clear()
    yield


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()

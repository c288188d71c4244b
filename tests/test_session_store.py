"""Sessions are read from Redis and kept in PostgreSQL (SESSION_ENGINE in cop_platform/settings.py,
cop_platform/sessions.py): a page view asks the database nothing about the session, a flushed or
restarted Redis logs nobody out, and an unreachable one costs a query per request, not a 500."""

from importlib import import_module

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def session_store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def test_a_session_is_read_without_a_query_when_redis_holds_it(client, django_assert_num_queries):
    person = UserFactory()
    client.force_login(person)
    session_key = client.session.session_key

    with django_assert_num_queries(0):
        user_id = session_store(session_key).get("_auth_user_id")

    assert user_id == str(person.pk)


def test_a_login_outlives_a_flushed_cache(client):
    client.force_login(UserFactory())

    cache.clear()  # Redis restarted without persistence, or its keys evicted
    response = client.get(reverse("communities:notifications"))

    assert response.status_code == 200


def test_a_logged_in_page_answers_while_redis_is_down(client, settings):
    client.force_login(UserFactory())
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }

    response = client.get(reverse("communities:notifications"))

    assert response.status_code == 200

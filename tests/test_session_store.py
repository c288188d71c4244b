"""Sessions are read from Redis and kept in PostgreSQL (SESSION_ENGINE in cop_platform/settings.py):
a page view asks the database nothing about the session, and a flushed or restarted Redis logs
nobody out."""

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

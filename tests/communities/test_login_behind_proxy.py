"""allauth's rate limits count per client address. Behind the proxy (`BEHIND_PROXY=1`) every
request comes from the proxy's address; the client's is the entry the proxy appended to
X-Forwarded-For."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
PROXY = "127.0.0.1"  # gunicorn listens here for the proxy on the same host


def allauth_proxy_settings(**env) -> dict:
    """The allauth settings that `cop_platform/settings.py` derives from this environment."""
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'count': getattr(settings, 'ALLAUTH_TRUSTED_PROXY_COUNT', 0)}))"
    )
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key not in {"BEHIND_PROXY", "TRUSTED_PROXY_COUNT"}
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**inherited, "DJANGO_SETTINGS_MODULE": "cop_platform.settings_test", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_behind_the_proxy_allauth_trusts_one_proxy_unless_told_more():
    assert allauth_proxy_settings(BEHIND_PROXY="1") == {"count": 1}
    assert allauth_proxy_settings(BEHIND_PROXY="1", TRUSTED_PROXY_COUNT="2") == {"count": 2}
    assert allauth_proxy_settings(BEHIND_PROXY="0") == {"count": 0}


@pytest.fixture
def behind_the_proxy():
    with override_settings(
        ALLAUTH_TRUSTED_PROXY_COUNT=allauth_proxy_settings(BEHIND_PROXY="1")["count"]
    ):
        yield


def log_in(client, email, password, *, forwarded_for=None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def test_failed_logins_of_one_client_do_not_lock_out_another(client, behind_the_proxy):
    person = UserFactory()
    # Ten guesses at ten addresses, so only the per-client limit (10 a minute) can bite.
    for attempt in range(10):
        log_in(client, f"guess{attempt}@example.org", "wrong", forwarded_for="203.0.113.5")

    attacker = log_in(client, "guess@example.org", "wrong", forwarded_for="203.0.113.5")
    colleague = log_in(client, person.email, PASSWORD, forwarded_for="10.0.0.9, 198.51.100.7")

    assert "Too many failed login attempts" in attacker.content.decode()
    assert colleague.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for"),
    [
        (1, None),  # straight to the app, past the proxy
        (2, "203.0.113.5"),  # one entry where two proxies should have added theirs
    ],
)
def test_a_login_that_did_not_come_through_the_proxy_is_a_bad_request(
    client, proxies, forwarded_for
):
    person = UserFactory()

    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=proxies):
        response = log_in(client, person.email, PASSWORD, forwarded_for=forwarded_for)

    assert response.status_code == 400
    assert "That request could not be understood" in response.content.decode()
    assert "_auth_user_id" not in client.session

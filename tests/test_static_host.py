"""A CDN in front of the static files (`STATIC_HOST`): pages name the files on the CDN's host, the
CSP lets the browser load them from there, and the site still serves /static/ for the CDN to
fetch from."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
CDN = "https://cdn.example.org"


def static_settings(**env) -> dict:
    """STATIC_URL and the CSP that `cop_platform/settings.py` derives from this environment."""
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'STATIC_URL': settings.STATIC_URL, 'SECURE_CSP': settings.SECURE_CSP}))"
    )
    inherited = {key: value for key, value in os.environ.items() if key != "STATIC_HOST"}
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


def test_without_a_static_host_files_are_named_on_the_site_itself():
    derived = static_settings()

    assert derived["STATIC_URL"] == "/static/"
    assert derived["SECURE_CSP"]["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_pages_name_static_files_on_the_cdn_when_a_static_host_is_set(client):
    derived = static_settings(STATIC_HOST=f"{CDN}/")

    with override_settings(**derived):
        page = client.get(reverse("account_login"))
        origin_copy = client.get("/static/css/site.css")

    assert derived["STATIC_URL"] == f"{CDN}/static/"
    assert f'href="{CDN}/static/css/site.' in page.content.decode()
    assert f"style-src 'self' {CDN}" in page["Content-Security-Policy"]
    assert origin_copy.status_code == 200  # what the CDN fetches

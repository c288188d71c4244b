"""A CDN in front of the static files (`STATIC_HOST`): pages name the files on the CDN's host, the
CSP lets the browser load them from there, and the site still serves /static/ for the CDN to
fetch from."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.derived_settings import derived_settings

CDN = "https://cdn.example.org"


def static_settings(**env: str) -> dict:
    return derived_settings(["STATIC_URL", "SECURE_CSP"], unset=("STATIC_HOST",), **env)


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

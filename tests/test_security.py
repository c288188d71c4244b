import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url_name", ["home", "account_login", "account_signup"])
def test_pages_send_a_strict_content_security_policy(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    csp = parse_csp(response["Content-Security-Policy"])
    for directive, value in REQUIRED_CSP.items():
        assert csp[directive] == [value], directive
    assert "'unsafe-inline'" not in csp["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(client):
    html = client.get(reverse("account_login")).content.decode()

    assert "<script>" not in html
    assert html.count("<script") == html.count("<script src=")


def production_env(**extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "DATABASE_", "REDIS_", "SMTP_", "HTTPS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cop_platform.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="cop.example.org",
        CSRF_TRUSTED_ORIGINS="https://cop.example.org",
        DATABASE_URL="postgres://cop_platform:cop_platform@127.0.0.1:5432/cop_platform",
        REDIS_URL="redis://127.0.0.1:6379/15",
        SMTP_HOST="smtp.example.org",
        SMTP_PORT="587",
        SMTP_USE_TLS="1",
    )
    env.update(extra)
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_flags_a_console_mailer():
    env = production_env()
    del env["SMTP_HOST"]

    result = manage("check", "--deploy", env=env)

    assert result.returncode != 0
    assert "mail.E001" in result.stderr + result.stdout

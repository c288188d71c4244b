"""`make run` needs no PostgreSQL, Redis or mail server: check that path on a fresh SQLite file."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FETCH_PAGES = """
from django.test import Client
from communities.models import User
client = Client(HTTP_HOST="127.0.0.1")  # the host `make run` serves
for path in ["/", "/accounts/login/", "/accounts/signup/"]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
client.force_login(User.objects.get(email="member@example.org"))
response = client.get("/search/", {"q": "supervision"})
assert response.status_code == 200 and "result" in response.content.decode(), response.status_code
print("people", User.objects.count())
"""

SHOW_SETTINGS = """
from django.conf import settings
print(settings.DATABASES["default"]["ENGINE"])
print(settings.CELERY_TASK_ALWAYS_EAGER)
print(settings.MAILERS["default"]["BACKEND"])
print(settings.CACHES["default"]["BACKEND"])
"""


def embedded_env(tmp_path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SMTP_", "SECRET_KEY"))
    }
    env["DEBUG"] = "1"
    env["DJANGO_SETTINGS_MODULE"] = "cop_platform.settings"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'embedded.sqlite3'}"
    return env


def manage(*args, env) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_embedded_default_migrates_seeds_twice_and_serves_pages(tmp_path):
    env = embedded_env(tmp_path)

    manage("migrate", "--noinput", "-v0", env=env)
    first = manage("seed_demo", env=env)
    manage("seed_demo", env=env)
    output = manage("shell", "-c", FETCH_PAGES, env=env)

    assert "facilitator@example.org" in first
    assert "cop-demo-2026" in first
    assert "people 12" in output  # seeding twice made no duplicates


def test_with_nothing_configured_the_app_runs_embedded(tmp_path):
    env = embedded_env(tmp_path)
    del env["DATABASE_URL"]

    output = manage("shell", "-c", SHOW_SETTINGS, env=env).split()

    assert output[-4:] == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.cache.backends.locmem.LocMemCache",
    ]

"""A production install carries the app and gunicorn, and none of the test tools."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_LOCK = ROOT / "requirements" / "production.lock"
DEVELOPMENT_LOCK = ROOT / "requirements" / "development.lock"
TEST_TOOLS = {"pytest", "pytest-django", "pytest-xdist", "playwright", "ruff", "factory-boy"}

# A pinned line of a uv-compiled lock: `name==version \`, hashes and comments below it.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def pins(lock: Path) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall(lock.read_text())}


def declared(*, extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def test_production_lock_holds_gunicorn_and_no_test_tools():
    production = pins(PRODUCTION_LOCK)
    assert {"django", "gunicorn", "celery", "psycopg2-binary"} <= production.keys()
    assert not TEST_TOOLS & production.keys()
    assert "aiosmtpd" not in production


def test_locks_pin_every_declared_dependency_when_pyproject_changes():
    # Fails when pyproject.toml gained a dependency and `make lock` was not run.
    assert declared() <= pins(PRODUCTION_LOCK).keys()
    assert declared() | declared(extra="dev") <= pins(DEVELOPMENT_LOCK).keys()


def test_development_lock_keeps_every_production_pin():
    production, development = pins(PRODUCTION_LOCK), pins(DEVELOPMENT_LOCK)
    differing = {
        name: (version, development.get(name))
        for name, version in production.items()
        if development.get(name) != version
    }
    assert differing == {}


def gunicorn(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Production-like: the default settings module, DEBUG off, a real key; no test settings.
    production_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "PORT", "WEB_CONCURRENCY", "GUNICORN_"))
    }
    production_env |= {"SECRET_KEY": "production-like-" + "k" * 50, "ALLOWED_HOSTS": "cop.test"}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *args],
        cwd=ROOT,
        env=production_env | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_gunicorn_config_loads_the_app_with_production_settings():
    result = gunicorn("--check-config")
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_takes_port_and_workers_from_the_environment():
    result = gunicorn("--print-config", PORT="9321", WEB_CONCURRENCY="3")
    assert result.returncode == 0, result.stdout + result.stderr
    settings = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert settings["bind"] == "['127.0.0.1:9321']"
    assert settings["workers"] == "3"
    assert settings["wsgi_app"] == "cop_platform.wsgi:application"
    assert settings["accesslog"] == "-"

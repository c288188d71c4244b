"""Production settings plus the bench's bare page: `DJANGO_SETTINGS_MODULE=bench.settings`.

The bench (bench/run.py) sets the environment production reads (DEBUG off, SECRET_KEY,
DATABASE_URL, REDIS_URL); only what plain HTTP on loopback needs differs from production, and only
here. The production URLconf never gains the bare page.
"""

import os

# Loopback serves plain HTTP: no HTTPS redirect, and cookies without the Secure flag.
os.environ.setdefault("HTTPS", "0")

from cop_platform.settings import *  # noqa: F403
from cop_platform.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
# The bench collects static files into its own folder (git-ignored), not production's.
STATIC_ROOT = BASE_DIR / ".bench" / "staticfiles"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

"""Settings as `cop_platform/settings.py` derives them from an environment, read in a fresh
process (the settings module reads the environment once, as it is imported)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def derived_settings(names: list[str], *, unset: tuple[str, ...] = (), **env: str) -> dict:
    """The settings `names` under the suite's environment, without `unset`, plus `env`."""
    script = (
        "import json, sys; from django.conf import settings; "
        "print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))"
    )
    inherited = {key: value for key, value in os.environ.items() if key not in unset}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script, *names],
        cwd=ROOT,
        env={**inherited, "DJANGO_SETTINGS_MODULE": "cop_platform.settings_test", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)

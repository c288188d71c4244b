"""`collectstatic` for the test session, when the manifest is missing or older than a source.

Pages name their static files through the manifest storage (hashed names), which refuses to
render without `STATIC_ROOT/staticfiles.json`: a fresh clone's first test run collects them.
"""

import fcntl
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

# collectstatic's own defaults: these files are never collected, so never make it stale.
IGNORED = ["CVS", ".*", "*~"]


def _sources() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for finder in get_finders():
        for path, storage in finder.list(IGNORED):
            # The first finder to find a path wins, as in collectstatic.
            found.setdefault(path.replace("\\", "/"), Path(storage.path(path)))
    return found


def manifest_is_stale() -> bool:
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    if not manifest.exists():
        return True
    collected_at = manifest.stat().st_mtime
    listed = json.loads(manifest.read_text()).get("paths", {})
    return any(
        name not in listed or source.stat().st_mtime > collected_at
        for name, source in _sources().items()
    )


def collect_if_stale() -> None:
    """Collect once for everyone: another test session (the browser journeys, a colleague's run
    in the same tree) may be checking at the same moment, so the check and the collection hold
    a lock, and the second one finds the manifest fresh."""
    static_root = Path(settings.STATIC_ROOT)
    static_root.mkdir(parents=True, exist_ok=True)
    with (static_root / ".collectstatic.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if manifest_is_stale():
            call_command("collectstatic", interactive=False, verbosity=0)

"""What is due lives in the database; one beat task asks every registered due-finder.

Apps register their finders in `AppConfig.ready()`, so `communities` never imports the apps
that build on it. A finder takes the current time, records what is due under idempotent keys
(so running twice in a minute changes nothing) and returns how many things it recorded.
"""

import datetime as dt
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

DueFinder = Callable[[dt.datetime], int]

_FINDERS: dict[str, DueFinder] = {}


def register_due_finder(name: str, finder: DueFinder) -> None:
    _FINDERS[name] = finder


def dispatch_due(now: dt.datetime) -> dict[str, int]:
    results = {}
    for name, finder in _FINDERS.items():
        try:
            results[name] = finder(now)
        except Exception:
            # One broken finder must not stop the others (or the sweeper) from running.
            logger.exception("Due-finder %s failed", name)
            results[name] = -1
    return results

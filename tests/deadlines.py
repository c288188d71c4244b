"""Deadlines for tests that wait on other processes: a slow machine makes them slower, not red.

A deadline is written as the seconds the wait may take on a quiet machine, and stretched by:
- the load per core (`os.getloadavg()[0] / cpu count`, never below 1): with ten runnable
  processes on two cores each gets a fifth of a core, so the same work takes about five times
  as long. It is read again while waiting, so a machine that gets busy mid-wait extends the wait.
- `TEST_TIMEOUT_SCALE` (default 1): for a machine known to be slow whose load average does not
  show it (an emulated CI runner, a throttled container).

The factor is derived from the load rather than set by hand because the machines this suite
runs on are shared: nobody running `make test` knows what else will run during it.
"""

import os
import time
from collections.abc import Callable


def load_per_core() -> float:
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average on this platform
        return 1.0
    return max(1.0, load / (os.cpu_count() or 1))


def timeout_scale() -> float:
    return float(os.environ.get("TEST_TIMEOUT_SCALE", "1")) * load_per_core()


def scaled(seconds: float) -> float:
    """`seconds` on a quiet machine, in seconds on this one now."""
    return seconds * timeout_scale()


def wait_until(condition: Callable[[], bool], timeout: float = 30, interval: float = 0.2) -> bool:
    """Poll `condition` until it holds; False once `timeout` quiet-machine seconds, stretched by
    the busiest moment seen while waiting, have passed."""
    started = time.monotonic()
    budget = scaled(timeout)
    while not condition():
        budget = max(budget, scaled(timeout))
        if time.monotonic() - started > budget:
            return condition()
        time.sleep(interval)
    return True


def wait_while_progressing(
    progress: Callable[[], int], target: int, stall: float, interval: float = 0.5
) -> bool:
    """Poll a measure that only grows (messages delivered) until it reaches `target`; False once
    it has not grown for `stall` quiet-machine seconds (scaled). A slow machine that keeps
    delivering is given all the time it needs; one that stopped is caught after `stall`."""
    last = progress()
    last_change = time.monotonic()
    while last < target:
        time.sleep(interval)
        now = progress()
        if now > last:
            last, last_change = now, time.monotonic()
        elif time.monotonic() - last_change > scaled(stall):
            return progress() >= target
    return True

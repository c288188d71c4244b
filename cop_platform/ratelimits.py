"""Per-person limits on the writes that reach other people: new threads, replies, invitations,
pings and reports (`settings.RATE_LIMITS`).

Each person has one counter per action and fixed window in the default (Redis) cache. Only an
accepted action counts: a POST takes a unit before the view runs and gives it back unless the view
answered with a redirect (the project's answer to a successful form), so an invalid form, a
preview or a refusal does not spend the budget, and taking before acting keeps two simultaneous
posts from both slipping under the limit.

We use the cache directly rather than django-ratelimit 4.1: its decorator counts every matching
request before the view (refused and invalid posts included) and answers with a 403-class
exception, its cache errors other than `socket.gaierror` would turn every post into a 500 while
Redis is down, and its system check fails the local-memory cache that `make run` uses.
"""

import logging
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """`"10/h"`, `"30/10m"`, `"5/30s"`: at most `count` per that many seconds."""
    count, _slash, period = text.strip().partition("/")
    unit = period[-1:].lower()
    if unit not in _UNIT_SECONDS or not count.isdigit() or not (period[:-1] or "1").isdigit():
        raise ValueError(f"Rate {text!r} is not like '10/h', '30/10m' or '5/30s'.")
    return Rate(count=int(count), seconds=int(period[:-1] or 1) * _UNIT_SECONDS[unit])


def _labels() -> dict[str, str]:
    return {
        "thread": _("new threads"),
        "reply": _("replies"),
        "invitation": _("invitations"),
        "ping": _("pings"),
        "report": _("reports"),
    }


def _duration(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    if seconds % 3600 or seconds < 3600:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = seconds // 3600
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


def _take(key: str, rate: Rate) -> int | None:
    """The count after taking one unit; None when the cache cannot say (the action goes ahead:
    a Redis outage must not stop people posting)."""
    try:
        cache.add(key, 0, timeout=rate.seconds + 5)
        return cache.incr(key)
    except Exception:  # a down Redis, or the key expiring between add and incr
        logger.warning("Rate limit not checked for %s", key, exc_info=True)
        return None


def _give_back(key: str) -> None:
    try:
        cache.decr(key)
    except Exception:  # the window ended meanwhile, or Redis went down: nothing to give back
        logger.debug("Rate limit unit not returned for %s", key, exc_info=True)


def too_many(request, *, action: str, rate: Rate, retry_after: int):
    """The 429 page: what was refused, the limit, and when to try again."""
    context = {
        "what": _labels().get(action, action),
        "limit": rate.count,
        "window": _duration(rate.seconds),
        "wait": _duration(retry_after),
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(action: str):
    """Limit a view's accepted POSTs per person to `settings.RATE_LIMITS[action]`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            text = getattr(settings, "RATE_LIMITS", {}).get(action)
            if request.method != "POST" or not request.user.is_authenticated or not text:
                return view(request, *args, **kwargs)
            rate = parse_rate(text)
            now = time.time()
            window = int(now // rate.seconds)
            key = f"ratelimit:{action}:{request.user.pk}:{rate.seconds}:{window}"
            used = _take(key, rate)
            if used is not None and used > rate.count:
                _give_back(key)
                retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
                return too_many(request, action=action, rate=rate, retry_after=retry_after)
            try:
                response = view(request, *args, **kwargs)
            except Exception:
                if used is not None:
                    _give_back(key)
                raise
            # Only an accepted action (answered with a redirect) keeps its unit.
            if used is not None and not 300 <= response.status_code < 400:
                _give_back(key)
            return response

        return wrapper

    return decorator

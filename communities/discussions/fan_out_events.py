"""What each fan-out event is called, for people (the admin, a log line): communities' own three
and those later apps register with `register_fan_out(event, job, label=...)`. `FanOut.event`
names no closed list of choices, so an app's event (meetings' "meeting") is never a raw value
beside readable ones, and communities never names it."""

from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def register_fan_out_label(event: str, label: str | Promise) -> None:
    _LABELS[event] = label


def fan_out_label(event: str) -> str:
    """The event's registered label; its raw name for one no app registers (any more)."""
    return str(_LABELS.get(event, event))

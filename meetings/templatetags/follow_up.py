"""`{% past_occurrences meeting as past %}`: the series' last occurrences that have begun, newest
first, for the meeting page's links to their attendance and minutes. Expands the rule with the
changes the page's selector prefetched, so it asks the database nothing."""

import datetime as dt

from django import template
from django.utils import timezone

from meetings.recurrence import Occurrence, occurrences_between

register = template.Library()

LOOK_BACK = dt.timedelta(days=400)


@register.simple_tag
def past_occurrences(meeting, limit: int = 5) -> list[Occurrence]:
    now = timezone.now()
    began = [o for o in occurrences_between(meeting, now - LOOK_BACK, now) if o.start <= now]
    return list(reversed(began))[:limit]

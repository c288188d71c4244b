"""`time_element` prints what the `date` filter pair it replaced printed, in the viewer's zone."""

import datetime as dt
import zoneinfo

import pytest
from django.template import engines
from django.utils import timezone

from cop_platform.templatetags.time_words import time_element

AS_BEFORE = engines["django"].from_string(
    """<time datetime="{{ value|date:'c' }}">{{ value|date:"j M Y, H:i" }}</time>"""
)
MOMENTS = [
    dt.datetime(2026, 1, 5, 23, 30, tzinfo=dt.UTC),  # another day in Europe, a one-digit day
    dt.datetime(2026, 3, 29, 0, 59, 59, 123456, tzinfo=dt.UTC),  # just before Paris's DST
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC),  # just after
    dt.datetime(2026, 12, 31, 12, 0, tzinfo=dt.UTC),
]
ZONES = ["UTC", "Europe/Paris", "America/Los_Angeles", "Asia/Kolkata"]


@pytest.mark.parametrize("zone", ZONES)
def test_time_element_prints_what_the_date_filters_print_in_the_viewers_zone(zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        for moment in MOMENTS:
            assert time_element(moment) == AS_BEFORE.render({"value": moment})

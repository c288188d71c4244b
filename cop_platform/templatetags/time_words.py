import datetime as dt

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def ago(value: dt.datetime | None) -> str:
    """`{{ report.created_at|ago }}`: "3 hours ago", and "just now" where `timesince` would say
    "0 minutes" (under a minute, or a clock a little ahead)."""
    if not value:
        return ""
    if timezone.now() - value < dt.timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(value)}

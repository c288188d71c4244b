"""Meetings' item of the main navigation, registered from `MeetingsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from cop_platform.page_parts import NavItem, register_nav_item


def register_meetings_navigation() -> None:
    register_nav_item(NavItem("meetings", _("Meetings"), "meetings:calendar", order=15))

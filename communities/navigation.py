"""Communities' items of the main navigation; later apps register theirs the same way."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.discussions.selectors import open_report_count
from cop_platform.page_parts import NavBadge, NavItem, register_nav_item


def open_reports_badge(user) -> NavBadge | None:
    """How many reports wait across the CoPs `user` moderates; None (no item) when none do."""
    count = open_report_count(viewer=user)
    if not count:
        return None
    label = ngettext("%(count)d open report", "%(count)d open reports", count) % {"count": count}
    return NavBadge(count=count, label=label)


def register_communities_navigation() -> None:
    register_nav_item(NavItem("home", _("Home"), "home", order=0, login_required=False))
    register_nav_item(
        NavItem(
            "directory", _("Directory"), "communities:directory", order=10, login_required=False
        )
    )
    register_nav_item(NavItem("programs", _("Programs"), "communities:program_list", order=20))
    # Moderators only, and only while reports wait: one count, no item for anyone else.
    register_nav_item(
        NavItem(
            "reports",
            _("Reports"),
            "communities:report_overview",
            order=30,
            badge=open_reports_badge,
            only_with_badge=True,
        )
    )

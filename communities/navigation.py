"""Communities' items of the main navigation; later apps register theirs the same way."""

from django.utils.translation import gettext_lazy as _

from cop_platform.page_parts import NavItem, register_nav_item


def register_communities_navigation() -> None:
    register_nav_item(NavItem("home", _("Home"), "home", order=0, login_required=False))
    register_nav_item(
        NavItem(
            "directory", _("Directory"), "communities:directory", order=10, login_required=False
        )
    )
    register_nav_item(NavItem("programs", _("Programs"), "communities:program_list", order=20))

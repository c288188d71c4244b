"""What the toolkit adds to a CoP's page: its featured strip and newest resources, with a link
to the whole toolkit. A fixed number of queries however many resources there are."""

from cop_platform.page_parts import CommunityPanel, register_community_panel
from cop_platform.permissions import can
from toolkit.selectors import featured_resources, newest_resources

FEATURED_ON_COP_PAGE = 4
NEWEST_ON_COP_PAGE = 5


def toolkit_panel(request, community) -> dict | None:
    if not can(request.user, "toolkit.view", community):
        return None
    featured = featured_resources(community=community, limit=FEATURED_ON_COP_PAGE)
    shown = {resource.pk for resource in featured}
    # The newest ones not already in the strip above them.
    newest = [
        resource
        for resource in newest_resources(community=community, limit=NEWEST_ON_COP_PAGE + len(shown))
        if resource.pk not in shown
    ][:NEWEST_ON_COP_PAGE]
    return {
        "community": community,
        "featured": featured,
        "newest": newest,
        "may_share": can(request.user, "toolkit.share", community),
    }


def register_toolkit_page_parts() -> None:
    register_community_panel(
        CommunityPanel(
            "toolkit.resources", "toolkit/partials/cop-toolkit.html", toolkit_panel, order=40
        )
    )

"""What the toolkit adds to shared pages: on a CoP's page, its featured strip and newest
resources with a link to the whole toolkit; on a TTA leader's home page, their programs'
toolkits. A fixed number of queries however many resources there are."""

from django.db.models import Count, Q

from communities.access import access_of
from communities.models import Program
from cop_platform.page_parts import (
    CommunityPanel,
    HomeSection,
    ProgramPanel,
    register_community_panel,
    register_home_section,
    register_program_panel,
)
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


def program_toolkits_for_leader(request) -> dict | None:
    """A TTA leader's way to their programs' toolkits, with how many live resources each has."""
    led = access_of(request.user).led_program_ids
    if not led:
        return None
    programs = Program.objects.filter(pk__in=led).annotate(
        live=Count("resources", filter=Q(resources__retired_at__isnull=True))
    )
    return {"programs": list(programs.order_by("name"))}


def knowledge_program_panel(request, program) -> dict | None:
    """On a program's page: the way to its body of knowledge, for those who read it."""
    if not can(request.user, "program.knowledge", program):
        return None
    return {"program": program}


def register_toolkit_page_parts() -> None:
    register_community_panel(
        CommunityPanel(
            "toolkit.resources", "toolkit/partials/cop-toolkit.html", toolkit_panel, order=40
        )
    )
    register_home_section(
        HomeSection(
            "toolkit.program-toolkits",
            "toolkit/partials/home-program-toolkits.html",
            program_toolkits_for_leader,
            order=60,
        )
    )

    register_program_panel(
        ProgramPanel(
            "toolkit.knowledge",
            "toolkit/partials/program-knowledge.html",
            knowledge_program_panel,
            order=60,
        )
    )

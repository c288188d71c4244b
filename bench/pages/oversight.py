"""Oversight (issue 14): the check-ins a provider or TTA leader follows, and a CoP's history
seen by its provider."""

from bench.pages.common import Targets, facilitator_of_each_cop, spread
from communities.models import Community, Program


def my_checkins() -> Targets:
    """Providers, then TTA leaders: each follows many CoPs (overdue first)."""
    providers = list(
        Community.objects.exclude(provider=None)
        .values_list("provider_id", flat=True)
        .distinct()
        .order_by("provider_id")
    )
    leaders = list(
        Program.leaders.through.objects.values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    people = spread(providers) + spread(leaders)
    return [("/check-ins/", person) for person in people]


def checkin_history() -> Targets:
    rows = list(
        Community.objects.filter(checkins__isnull=False)
        .exclude(provider=None)
        .distinct()
        .order_by("pk")
        .values_list("slug", "provider_id")
    )
    return [(f"/cops/{slug}/check-ins/", provider) for slug, provider in spread(rows)]


def cop_dashboard() -> Targets:
    """A CoP's dashboard seen by its facilitator: the figures, the charts and the first page of
    member rows, computed live (the heaviest view of it)."""
    facilitators = facilitator_of_each_cop()
    slugs = dict(Community.objects.filter(pk__in=facilitators).values_list("pk", "slug"))
    rows = sorted((slugs[pk], person) for pk, person in facilitators.items() if pk in slugs)
    return [(f"/cops/{slug}/dashboard/", person) for slug, person in spread(rows)]

"""Oversight (issue 14): the check-ins a provider or TTA leader follows, a CoP's history
seen by its provider, and evaluation results."""

from django.db.models import Count, Q

from bench.pages.common import Targets, facilitator_of_each_cop, spread
from communities.models import Community, Program
from oversight.evaluation_results import min_anonymous_responses
from oversight.models import Evaluation


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


def evaluation_results() -> Targets:
    """Results with figures to show (answers past the anonymity threshold): a CoP's, read by its
    facilitator, spread over the CoPs; and a program's, all its CoPs' answers together, read by
    each of its TTA leaders."""
    threshold = min_anonymous_responses()
    answered = Evaluation.objects.annotate(n=Count("responses")).filter(
        Q(anonymous=False, n__gt=0) | Q(n__gte=threshold)
    )
    facilitators = facilitator_of_each_cop()
    cops = [
        (f"/cops/{slug}/evaluations/{pk}/results/", facilitators[community])
        for pk, slug, community in answered.order_by("pk").values_list(
            "pk", "community__slug", "community_id"
        )
        if community in facilitators
    ]
    asked = answered.exclude(program=None).values_list("program_id", "questions_from_id")
    leaders = Program.leaders.through.objects.values_list("program_id", "user_id")
    slugs = dict(Program.objects.values_list("pk", "slug"))
    programs = sorted(
        (f"/programs/{slugs[program]}/evaluations/{questions}/results/", leader)
        for program, questions in set(asked)
        for leads, leader in leaders
        if leads == program
    )
    return spread(cops) + spread(programs)


def cop_dashboard() -> Targets:
    """A CoP's dashboard seen by its facilitator: the figures, the charts and the first page of
    member rows, computed live (the heaviest view of it)."""
    facilitators = facilitator_of_each_cop()
    slugs = dict(Community.objects.filter(pk__in=facilitators).values_list("pk", "slug"))
    rows = sorted((slugs[pk], person) for pk, person in facilitators.items() if pk in slugs)
    return [(f"/cops/{slug}/dashboard/", person) for slug, person in spread(rows)]


def program_dashboard() -> Targets:
    """Each program's dashboard read by its TTA leaders (default order, sorted by posts, and
    filtered to the CoPs on watch) and by the providers of its CoPs (their rows only)."""
    slugs = dict(Program.objects.values_list("pk", "slug"))
    leaders = sorted(Program.leaders.through.objects.values_list("program_id", "user_id"))
    providers = sorted(
        set(
            Community.objects.exclude(program=None)
            .exclude(provider=None)
            .values_list("program_id", "provider_id")
        )
    )
    views = ("", "?sort=-posts", "?flag=2_watch")
    led = [
        (f"/programs/{slugs[program]}/dashboard/{views[n % len(views)]}", leader)
        for n, (program, leader) in enumerate(leaders)
    ]
    provided = [(f"/programs/{slugs[program]}/dashboard/", person) for program, person in providers]
    return spread(led) + spread(provided)


def leader_home() -> Targets:
    """The home page of TTA leaders (their programs' flag counts and CoPs at risk) and of
    providers (check-ins due): the people who oversee, not the members `home` measures."""
    leaders = Program.leaders.through.objects.values_list("user_id", flat=True)
    providers = Community.objects.exclude(provider=None).values_list("provider_id", flat=True)
    people = sorted(set(leaders)) + sorted(set(providers))
    return [("/", person) for person in spread(people)]

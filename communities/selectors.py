from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower

from communities.access import access_of
from communities.models import (
    Community,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    Program,
    Role,
    Stage,
    User,
    Visibility,
)


def profiles_visible_to(viewer) -> QuerySet[User]:
    """People whose profile the viewer may open: every active member, to logged-in viewers."""
    if not viewer.is_authenticated:
        return User.objects.none()
    return User.objects.filter(is_active=True).prefetch_related("expertise", "needs")


def own_account(viewer) -> QuerySet[User]:
    """Only the viewer: settings URLs of anyone else 404 as if they did not exist."""
    if not viewer.is_authenticated:
        return User.objects.none()
    return User.objects.filter(pk=viewer.pk)


def count_of(rows: QuerySet) -> Subquery:
    """`rows`' COUNT(*) as a scalar subquery, correlated through an `OuterRef` in its filter.

    Why not `Count("memberships")`: a join multiplies the outer rows before GROUP BY (two such
    joins multiply each other: members x join requests per CoP), the count is worked out for
    every matching row before the LIMIT, and a paginator's COUNT repeats the whole GROUP BY.
    A subquery is one index lookup per row shown, and `QuerySet.count()` drops it unused.
    `COUNT(*)` through `Func` is not an aggregate to Django, so the subquery has no GROUP BY and
    answers 0, not NULL, when nothing matches; `*` rather than a column lets PostgreSQL count
    from the foreign key's index alone."""
    return Subquery(
        rows.order_by().values(n=Func(template="COUNT(*)", output_field=IntegerField()))
    )


def member_count_of(community_ref: str = "pk") -> Subquery:
    """How many members the CoP in the outer row (`community_ref`) has."""
    return count_of(Membership.objects.filter(community=OuterRef(community_ref)))


def communities_visible_to(viewer) -> QuerySet[Community]:
    """CoPs whose existence the viewer may know: public ones, and private ones they belong to,
    lead the program of, or support as TTA provider. Anything else 404s like a missing CoP."""
    public = Q(visibility=Visibility.PUBLIC)
    if not viewer.is_authenticated:
        return Community.objects.filter(public)
    access = access_of(viewer)
    return Community.objects.filter(
        public
        | Q(pk__in=access.roles.keys())
        | Q(program_id__in=access.led_program_ids)
        | Q(provider=viewer)
    )


def directory_communities(
    *, q: str = "", program=None, join_policy: str = "", stage: str = ""
) -> QuerySet[Community]:
    """The public directory: public CoPs that are not archived unless asked for, with counts."""
    communities = Community.objects.filter(visibility=Visibility.PUBLIC)
    if stage:
        communities = communities.filter(stage=stage)
    else:
        communities = communities.exclude(stage=Stage.ARCHIVED)
    if q:
        communities = communities.filter(
            Q(name__icontains=q) | Q(domain__icontains=q) | Q(description__icontains=q)
        )
    if program is not None:
        communities = communities.filter(program=program)
    if join_policy:
        communities = communities.filter(join_policy=join_policy)
    return (
        communities.select_related("program")
        .annotate(member_count=member_count_of())
        .order_by("name", "pk")
    )


def community_page_facts(*, community: Community) -> dict:
    return {
        "member_count": community.memberships.count(),
        "facilitators": list(
            User.objects.filter(
                memberships__community=community,
                memberships__roles__role=Role.FACILITATOR,
            ).order_by("name")
        ),
    }


def community_members(*, community: Community, search: str = "") -> QuerySet[Membership]:
    members = Membership.objects.filter(community=community).select_related("user")
    if search:
        # Only what the page shows: matching on addresses nobody is shown would let a member
        # guess a colleague's email one letter at a time.
        members = members.filter(
            Q(user__name__icontains=search)
            | Q(user__handle__icontains=search)
            | Q(user__organisation__icontains=search)
        )
    return members.prefetch_related(
        Prefetch("roles", queryset=MembershipRole.objects.order_by("role"), to_attr="role_list")
    ).order_by(Lower("user__name"), "user__handle")


def pending_join_requests(*, community: Community) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(community=community, status=JoinRequestStatus.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def home_for(*, user: User) -> dict:
    """What a logged-in person's home page shows: their CoPs, their open requests, and the
    requests waiting for their decision."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("community", "community__program")
        .annotate(
            member_count=member_count_of("community_id"),
            waiting_requests=count_of(
                JoinRequest.objects.filter(
                    community=OuterRef("community_id"), status=JoinRequestStatus.PENDING
                )
            ),
        )
        .prefetch_related(Prefetch("roles", to_attr="role_list"))
        .order_by("community__name")
    )
    for membership in memberships:
        membership.manages_members = any(
            role.role in (Role.FACILITATOR, Role.MEMBERSHIP_MANAGER)
            for role in membership.role_list
        )
    own_requests = list(
        JoinRequest.objects.filter(user=user, status=JoinRequestStatus.PENDING).select_related(
            "community"
        )
    )
    return {"memberships": memberships, "own_requests": own_requests}


def programs_for(*, user: User) -> QuerySet[Program]:
    """Programs a person leads first, then every other program, with the number of their CoPs
    the person may know of: a private CoP they have no relation to is not counted, so the list
    does not tell that it exists (`communities_visible_to`'s rule, counted in a subquery per
    program rather than over a join of CoPs x leaders)."""
    leads = Program.leaders.through.objects.filter(program=OuterRef("pk"), user=user)
    return Program.objects.annotate(
        community_count=count_of(communities_visible_to(user).filter(program=OuterRef("pk"))),
        led=Exists(leads),
    ).order_by("-led", "name")


def program_communities(*, program: Program, viewer: User) -> QuerySet[Community]:
    """The program's CoPs the viewer may know of, with their stage, members and provider."""
    return (
        communities_visible_to(viewer)
        .filter(program=program)
        .select_related("provider")
        .annotate(member_count=member_count_of())
        .order_by("name", "pk")
    )


def supported_communities(*, user: User) -> list[Community]:
    """CoPs a person supports: those they are the TTA provider of, and every CoP of the programs
    they lead, ordered by program (stand-alone CoPs last), then name. Each carries its program,
    `last_activity` (its newest thread's activity, or None) and `provided` (whether the person is
    its provider). One query, however many."""
    if not user.is_authenticated:
        return []
    led = access_of(user).led_program_ids
    return list(
        Community.objects.filter(Q(provider=user) | Q(program_id__in=led))
        .select_related("program")
        .annotate(
            last_activity=Max("threads__last_activity_at"),
            provided=Q(provider=user),
        )
        .order_by(F("program__name").asc(nulls_last=True), "program_id", "name", "pk")
    )

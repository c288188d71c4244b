"""Every URL of the project, for every role, on a public and a private CoP.

The URL patterns come from the resolver: a new URL without an entry in `URLS` (or in the short
`EXCLUDED` list) fails `test_every_url_is_in_the_matrix`. Expectations come from one table of
what each role may do (`CAPABILITIES`), never from a hand-written status per cell.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from communities.models import (
    JoinPolicy,
    JoinRequest,
    MemberImport,
    Ping,
    Report,
    Role,
    User,
    Visibility,
)
from communities.notifications.sender import notify
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ProgramFactory,
    ThreadFactory,
    UserFactory,
)

# URLs with rules of their own, tested where those rules live.
EXCLUDED = {
    "admin": "Django admin: staff only, Django's own permission checks",
    "account_": "allauth: accounts (tests/communities/test_accounts.py)",
    "communities:unsubscribe": "signed token, no login (tests/communities/test_notifications.py)",
    "communities:invitation": "emailed token (tests/communities/test_invitations.py)",
    "communities:ping_link": "signed emailed link (tests/communities/test_pings.py)",
}

PERSONAS = (
    "anonymous",
    "outsider",
    "staff",
    "member",
    *Role.values,
    "provider",
    "program_leader",
)

# In discussions, members read, post, reply, follow, react and report; moderators (and
# facilitators) moderate and accept answers. The "member" persona wrote the target thread and
# reply: it edits them and accepts the answer, and cannot react to or report its own reply.
DISCUSSING = {
    "discussion.read",
    "thread.create",
    "thread.reply",
    "thread.follow",
    "post.react",
    "post.report",
    "ping.read",
    "ping.answer",
}
MODERATING = {"thread.moderate", "thread.accept_answer"}
MEMBER = {"community.view", "community.view_members", "community.leave"} | DISCUSSING
OVERSEER = {"community.view", "community.view_members"}
AUTHOR = {"post.edit", "thread.accept_answer"}
# What each persona may do in a CoP where it holds that relation (SPEC §1).
CAPABILITIES = {
    "member": (MEMBER | AUTHOR) - {"post.react", "post.report"},
    Role.FACILITATOR: MEMBER
    | MODERATING
    | {
        "community.edit",
        "community.change_stage",
        "community.manage_roles",
        "community.manage_members",
        "thread.archive",
        "ping.create",
    },
    Role.MEMBERSHIP_MANAGER: MEMBER | {"community.manage_members"},
    Role.DISCUSSION_MODERATOR: MEMBER | MODERATING,
    Role.KNOWLEDGE_EDITOR: MEMBER,
    Role.ARCHIVIST: MEMBER | {"thread.archive"},
    Role.USAGE_ANALYST: MEMBER,
    Role.KNOWLEDGE_BROKER: MEMBER,
    "provider": OVERSEER,
    "program_leader": OVERSEER,
    "outsider": set(),
    "staff": set(),  # site staff have no powers inside a CoP
    "anonymous": set(),
}


def capabilities(persona: str, community) -> set[str]:
    held = set(CAPABILITIES[persona])
    if community.visibility == Visibility.PUBLIC:
        held.add("community.view")
        if persona != "anonymous":
            held.add("discussion.read")
    if persona != "anonymous" and "community.leave" not in held:  # a non-member
        if community.join_policy == JoinPolicy.OPEN:
            held.add("community.join")
        if community.join_policy == JoinPolicy.APPROVAL:
            held.add("community.request_to_join")
    return held


@dataclass(frozen=True)
class Spec:
    capability: str | None  # None: any logged-in person (or anyone, with login=False)
    methods: tuple[str, ...] = ("GET",)
    scope: str = "community"  # community | program | site | self | person
    login: bool = True
    data: dict = field(default_factory=dict)
    target: str = ""  # which object fills <pk> (or <community_slug>)


URLS = {
    "home": Spec(None, scope="site", login=False),
    "communities:directory": Spec(None, scope="site", login=False),
    "search": Spec(None, scope="site"),
    "communities:create": Spec("community.create", ("GET", "POST"), scope="site"),
    "communities:profile": Spec(None, scope="person"),
    "communities:profile_edit": Spec(None, ("GET", "POST"), scope="self"),
    "communities:notification_settings": Spec(None, ("GET", "POST"), scope="self"),
    "communities:account_delete": Spec(None, ("GET", "POST"), scope="self"),
    "communities:notifications": Spec(None, scope="site"),
    "communities:notifications_mark_read": Spec(None, ("POST",), scope="site"),
    "communities:notification_open": Spec(None, scope="self"),
    "communities:program_list": Spec(None, scope="site"),
    "communities:program_create": Spec("program.create", ("GET", "POST"), scope="site"),
    "communities:program_detail": Spec("program.view", scope="program"),
    "communities:program_edit": Spec("program.edit", ("GET", "POST"), scope="program"),
    "communities:program_add_community": Spec("program.edit", ("POST",), scope="program"),
    "communities:program_add_leader": Spec("program.edit", ("POST",), scope="program"),
    "communities:program_assign_provider": Spec(
        "program.edit", ("POST",), scope="program", target="community_slug"
    ),
    "communities:threads": Spec("discussion.read"),
    "communities:thread_create": Spec("thread.create", ("GET", "POST")),
    "communities:thread": Spec("discussion.read", target="thread"),
    "communities:thread_reply": Spec(
        "thread.reply", ("POST",), data={"body": "hi"}, target="thread"
    ),
    "communities:thread_edit": Spec("post.edit", ("GET", "POST"), target="thread"),
    "communities:thread_follow": Spec("thread.follow", ("POST",), target="thread"),
    "communities:thread_moderate": Spec(
        "thread.moderate", ("POST",), data={"action": "pin"}, target="thread"
    ),
    "communities:thread_accept": Spec("thread.accept_answer", ("POST",), target="thread+post"),
    "communities:post_edit": Spec("post.edit", ("GET", "POST"), target="post"),
    "communities:post_delete": Spec("post.edit", ("POST",), target="post"),
    "communities:post_helpful": Spec("post.react", ("POST",), target="post"),
    "communities:post_moderate": Spec(
        "thread.moderate", ("POST",), data={"action": "hide"}, target="post"
    ),
    "communities:post_report": Spec(
        "post.report", ("GET", "POST"), data={"reason": "spam"}, target="post"
    ),
    "communities:moderation": Spec("thread.moderate"),
    "communities:report_resolve": Spec(
        "thread.moderate", ("POST",), data={"decision": "dismiss"}, target="report"
    ),
    "communities:thread_archive": Spec(
        "thread.archive", ("POST",), data={"archive": "1"}, target="thread"
    ),
    "communities:pings": Spec("ping.read"),
    "communities:ping_create": Spec("ping.create", ("GET", "POST")),
    "communities:ping": Spec("ping.read", ("GET", "POST"), target="ping"),
    "communities:detail": Spec("community.view", login=False),
    "communities:edit": Spec("community.edit", ("GET", "POST")),
    "communities:stage": Spec("community.change_stage", ("POST",), data={"stage": "active"}),
    "communities:join": Spec("community.join", ("POST",)),
    "communities:request": Spec("community.request_to_join", ("GET", "POST")),
    "communities:leave": Spec("community.leave", ("POST",)),
    "communities:members": Spec("community.view_members"),
    "communities:member_roles": Spec(
        "community.manage_roles", ("POST",), data={"roles": ["archivist"]}, target="membership"
    ),
    "communities:member_remove": Spec("community.manage_members", ("POST",), target="membership"),
    "communities:join_requests": Spec("community.manage_members"),
    "communities:invite": Spec(
        "community.manage_members", ("GET", "POST"), data={"emails": "x@example.org"}
    ),
    "communities:member_import": Spec("community.manage_members", target="member_import"),
    "communities:join_request_decide": Spec(
        "community.manage_members", ("POST",), data={"decision": "approve"}, target="join_request"
    ),
}


def url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def is_excluded(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix) for prefix in EXCLUDED)


def test_every_url_is_in_the_matrix():
    unlisted = sorted(name for name in url_names() if not is_excluded(name) and name not in URLS)
    assert unlisted == [], f"Add these URLs to the permission matrix: {unlisted}"


# --- The world: one program, a public (open) and a private (approval) CoP ---------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        people = {persona: UserFactory() for persona in PERSONAS if persona != "anonymous"}
        people["staff"].is_staff = people["staff"].is_superuser = True
        people["staff"].save()
        people["program_leader"].is_tta_leader = True
        people["program_leader"].save()
        program = ProgramFactory()
        program.leaders.add(people["program_leader"])
        cops = {
            "public": CommunityFactory(join_policy=JoinPolicy.OPEN, program=program,
                                       provider=people["provider"]),
            "private": CommunityFactory(visibility=Visibility.PRIVATE,
                                        join_policy=JoinPolicy.APPROVAL, program=program,
                                        provider=people["provider"]),
        }  # fmt: skip
        targets = {}
        for name, community in cops.items():
            for persona in ("member", *Role.values):
                roles = [] if persona == "member" else [persona]
                MembershipFactory(community=community, user=people[persona], roles=roles)
            # A second facilitator, so stepping down or leaving is possible for the first.
            MembershipFactory(community=community, roles=[Role.FACILITATOR])
            target = MembershipFactory(community=community)
            request = JoinRequest.objects.create(community=community, user=UserFactory())
            member_import = MemberImport.objects.create(community=community, mode="invite")
            thread = ThreadFactory(community=community, author=people["member"])
            post = PostFactory(thread=thread, author=people["member"])
            report = Report.objects.create(post=post, reporter=UserFactory(), reason="spam")
            ping = Ping.objects.create(
                community=community,
                question="How are you?",
                choices=["Fine", "Busy"],
                closes_at=timezone.now() + dt.timedelta(days=2),
            )
            targets[name] = {
                "ping": ping.pk,
                "report": report.pk,
                "thread": thread.pk,
                "post": post.pk,
                "membership": target.pk,
                "join_request": request.pk,
                "member_import": member_import.pk,
            }
        yield {"people": people, "cops": cops, "targets": targets, "program": program}
        for community in cops.values():
            community.delete()
        program.delete()
        User.objects.filter(memberships__isnull=True).exclude(
            pk__in=[p.pk for p in people.values()]
        ).delete()
        for person in people.values():
            person.delete()


def expected_status(spec: Spec, persona: str, community, method: str) -> str:
    if community is not None and "community.view" not in capabilities(persona, community):
        return "not found"
    if persona == "anonymous" and spec.login:
        return "login"
    if spec.capability is not None and community is not None:
        return "ok" if spec.capability in capabilities(persona, community) else "forbidden"
    return "ok"


def outcome(response) -> str:
    if response.status_code == 404:
        return "not found"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    assert response.status_code in {200, 302}, response.status_code
    return "ok"


COMMUNITY_CASES = [
    (name, persona, cop, method)
    for name, spec in URLS.items()
    if spec.scope == "community"
    for persona in PERSONAS
    for cop in ("public", "private")
    for method in spec.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", COMMUNITY_CASES, ids="-".join)
def test_community_urls_answer_by_role(client, world, case):
    name, persona, cop, method = case
    spec = URLS[name]
    community = world["cops"][cop]
    kwargs = {"slug": community.slug}
    targets = world["targets"][cop]
    if spec.target == "thread+post":
        kwargs.update(pk=targets["thread"], post_pk=targets["post"])
    elif spec.target:
        kwargs["pk"] = targets[spec.target]
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    url = reverse(name, kwargs=kwargs)
    response = client.post(url, spec.data) if method == "POST" else client.get(url)

    assert outcome(response) == expected_status(spec, persona, community, method)


SITE_CASES = [
    (name, persona, method)
    for name, spec in URLS.items()
    if spec.scope == "site"
    for persona in ("anonymous", "outsider", "staff", "program_leader")
    for method in spec.methods
]

# Site-wide capabilities: only TTA leaders (marked by staff) create programs.
SITE_CAPABILITIES = {"program_leader": {"community.create", "program.create"}}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona", "method"), SITE_CASES)
def test_site_urls_need_login_where_they_say(client, world, name, persona, method):
    spec = URLS[name]
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    url = reverse(name)
    response = client.post(url, spec.data) if method == "POST" else client.get(url)

    if persona == "anonymous" and spec.login:
        expected = "login"
    elif spec.capability in {None, "community.create"}:
        expected = "ok"
    else:
        expected = "ok" if spec.capability in SITE_CAPABILITIES.get(persona, set()) else "forbidden"
    assert outcome(response) == expected


PROGRAM_CASES = [
    (name, persona, method)
    for name, spec in URLS.items()
    if spec.scope == "program"
    for persona in PERSONAS
    for method in spec.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", PROGRAM_CASES, ids="-".join)
def test_program_urls_answer_by_role(client, world, case):
    name, persona, method = case
    spec = URLS[name]
    program = world["program"]
    kwargs = {"slug": program.slug}
    if spec.target == "community_slug":
        kwargs["community_slug"] = world["cops"]["public"].slug
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    url = reverse(name, kwargs=kwargs)
    response = client.post(url, spec.data) if method == "POST" else client.get(url)

    if persona == "anonymous":
        expected = "login"
    elif spec.capability == "program.edit":
        expected = "ok" if persona == "program_leader" else "forbidden"
    else:
        expected = "ok"
    assert outcome(response) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n, s in URLS.items() if s.scope in {"self", "person"}])
def test_personal_urls_belong_to_their_owner(client, world, name):
    """Settings of one person are not found for another, staff included."""
    owner, other = world["people"]["member"], world["people"]["staff"]
    spec = URLS[name]
    if name == "communities:notification_open":
        notification = notify(to=owner, kind="reply", key=f"matrix:{owner.pk}",
                              context={"title": "Hi"}, url="/")  # fmt: skip
        kwargs = {"pk": notification.pk}
    else:
        kwargs = {"handle": owner.handle}
    url = reverse(name, kwargs=kwargs)

    assert outcome(client.get(url)) == "login"
    client.force_login(other)
    assert outcome(client.get(url)) == ("ok" if spec.scope == "person" else "not found")
    client.force_login(owner)
    assert outcome(client.get(url)) == "ok"

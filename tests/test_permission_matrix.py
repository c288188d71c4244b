"""Every URL of the project, for every role, on a public and a private CoP.

The URL patterns come from the resolver: a URL without an entry in some app's matrix (or in its
short list of exclusions) fails `test_every_url_is_in_the_matrix`. Expectations come from tables
of what each role may do, never from a hand-written status per cell.

How an app plugs in: it adds `tests/<app>/matrix.py` binding `MATRIX = AppMatrix(...)`
(`tests/matrix.py`) with
- `urls`: `{url name: Spec(capability, methods, scope, data, target)}`, and `excluded` for URLs
  with rules of their own (and where those are tested);
- `capabilities`: per persona, what it may do in a CoP where it holds its relation, e.g.
  `{persona: {"meeting.rsvp"} for persona in MEMBER_PERSONAS}`; `public_to_anyone`,
  `public_to_signed_in`, `site_capabilities` and `program_capabilities` likewise;
- `build_targets(community, people)`: creates its objects in one CoP of the world (people and
  memberships exist already) and returns their pks by name, which a `Spec.target` names;
  `personal_targets(owner)` does the same for URLs of one person (scope "self"). A URL opened by
  a signed emailed link (scope "token") names, as its target, a token built there.
The runner finds every such module itself and merges them; two apps declaring the same URL name,
exclusion or target name fail the run (`tests/test_matrix_seam.py`). Neither this file nor
another app's entries change.
"""

import pytest
from django.db import connection
from django.urls import reverse

from communities.models import Community, JoinPolicy, Role, User, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.matrix import (
    MEMBER_PERSONAS,
    PERSONAS,
    SITE_PERSONAS,
    Spec,
    discover,
    merge,
    unlisted_urls,
    url_names,
)

MATRIX = merge(discover())


def capabilities(persona: str, community) -> set[str]:
    held = set(MATRIX.capabilities.get(persona, ()))
    if community.visibility == Visibility.PUBLIC:
        held |= MATRIX.public_to_anyone
        if persona != "anonymous":
            held |= MATRIX.public_to_signed_in
    # Those signed in without a membership may ask to come in, as the CoP's join policy says.
    if persona != "anonymous" and persona not in MEMBER_PERSONAS:
        if community.join_policy == JoinPolicy.OPEN:
            held.add("community.join")
        if community.join_policy == JoinPolicy.APPROVAL:
            held.add("community.request_to_join")
    return held


def test_every_url_is_in_the_matrix():
    unlisted = unlisted_urls(url_names(), MATRIX)
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
            for persona in MEMBER_PERSONAS:
                roles = [] if persona == "member" else [persona]
                MembershipFactory(community=community, user=people[persona], roles=roles)
            # A second facilitator, so stepping down or leaving is possible for the first.
            MembershipFactory(community=community, roles=[Role.FACILITATOR])
            targets[name] = MATRIX.build_targets(community, people)
        yield {"people": people, "cops": cops, "targets": targets, "program": program}
        for community in cops.values():
            community.delete()
        # An app's targets may add CoPs to the program (the toolkit's shared item comes from a
        # sibling CoP): they go too, not only the world's two.
        Community.objects.filter(program=program).delete()
        program.delete()
        User.objects.filter(memberships__isnull=True).exclude(
            pk__in=[p.pk for p in people.values()]
        ).delete()
        for person in people.values():
            person.delete()


def target_kwargs(spec: Spec, targets: dict[str, int]) -> dict[str, int]:
    if isinstance(spec.target, str):
        return {"pk": targets[spec.target]} if spec.target else {}
    return {argument: targets[name] for argument, name in spec.target.items()}


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
    # 422: let in, and the (deliberately incomplete) form answered with its messages (SPEC §8).
    assert response.status_code in {200, 302, 422}, response.status_code
    return "ok"


def rows_written() -> int:
    """Rows inserted, updated or deleted so far in this test's transaction, in every table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables"
        )
        return cursor.fetchone()[0]


def request_as(client, method: str, url: str, data: dict, expected: str):
    """The response; a refused POST must also have written nothing."""
    written = rows_written()
    response = client.post(url, data) if method == "POST" else client.get(url)
    if method == "POST" and expected != "ok":
        assert rows_written() == written, f"a refused POST ({expected}) wrote to the database"
    return response


COMMUNITY_CASES = [
    (name, persona, cop, method)
    for name, spec in MATRIX.urls.items()
    if spec.scope == "community"
    for persona in PERSONAS
    for cop in ("public", "private")
    for method in spec.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", COMMUNITY_CASES, ids="-".join)
def test_community_urls_answer_by_role(client, world, case):
    name, persona, cop, method = case
    spec = MATRIX.urls[name]
    community = world["cops"][cop]
    kwargs = {"slug": community.slug, **target_kwargs(spec, world["targets"][cop])}
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    url = reverse(name, kwargs=kwargs)
    expected = expected_status(spec, persona, community, method)
    response = request_as(client, method, url, spec.data, expected)

    assert outcome(response) == expected


SITE_CASES = [
    (name, persona, method)
    for name, spec in MATRIX.urls.items()
    if spec.scope == "site"
    for persona in SITE_PERSONAS
    for method in spec.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona", "method"), SITE_CASES)
def test_site_urls_need_login_where_they_say(client, world, name, persona, method):
    spec = MATRIX.urls[name]
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    url = reverse(name)
    if persona == "anonymous" and spec.login:
        expected = "login"
    elif spec.capability is None or spec.capability in MATRIX.site_capabilities.get(persona, ()):
        expected = "ok"
    else:
        expected = "forbidden"

    response = request_as(client, method, url, spec.data, expected)

    assert outcome(response) == expected


PROGRAM_CASES = [
    (name, persona, method)
    for name, spec in MATRIX.urls.items()
    if spec.scope == "program"
    for persona in PERSONAS
    for method in spec.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", PROGRAM_CASES, ids="-".join)
def test_program_urls_answer_by_role(client, world, case):
    name, persona, method = case
    spec = MATRIX.urls[name]
    program = world["program"]
    kwargs = {"slug": program.slug}
    if spec.target == "community_slug":
        kwargs["community_slug"] = world["cops"]["public"].slug
    elif spec.target:
        # The program's own objects are built with the public CoP's targets.
        kwargs |= target_kwargs(spec, world["targets"]["public"])
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    url = reverse(name, kwargs=kwargs)
    held = MATRIX.program_capabilities.get(persona, ())
    if persona == "anonymous":
        expected = "login"
    elif spec.seen_with and spec.seen_with not in held:
        expected = "not found"
    elif spec.capability is None or spec.capability in held:
        expected = "ok"
    else:
        expected = "forbidden"

    response = request_as(client, method, url, spec.data, expected)

    assert outcome(response) == expected


TOKEN_CASES = [
    (name, persona, method)
    for name, spec in MATRIX.urls.items()
    if spec.scope == "token"
    for persona in PERSONAS
    for method in spec.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", TOKEN_CASES, ids="-".join)
def test_token_urls_open_for_whoever_holds_the_token(client, world, case):
    """A link signed for one member opens for anyone holding it, logged out or logged in as
    anyone, in a public and a private CoP; the same link with a broken token is not found and
    changes nothing."""
    name, persona, method = case
    spec = MATRIX.urls[name]
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    for cop in ("public", "private"):
        kwargs = target_kwargs(spec, world["targets"][cop])
        broken = {argument: f"{token}x" for argument, token in kwargs.items()}
        bad = request_as(client, method, reverse(name, kwargs=broken), spec.data, "not found")
        good = request_as(client, method, reverse(name, kwargs=kwargs), spec.data, "ok")

        assert (outcome(bad), outcome(good)) == ("not found", "ok")


PERSONAL_URLS = [name for name, spec in MATRIX.urls.items() if spec.scope in {"self", "person"}]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAL_URLS)
def test_personal_urls_belong_to_their_owner(client, world, name):
    """Settings of one person are not found for another, staff included."""
    owner, other = world["people"]["member"], world["people"]["staff"]
    spec = MATRIX.urls[name]
    if spec.target:
        kwargs = target_kwargs(spec, MATRIX.personal_targets(owner))
    else:
        kwargs = {"handle": owner.handle}
    url = reverse(name, kwargs=kwargs)

    assert outcome(client.get(url)) == "login"
    client.force_login(other)
    assert outcome(client.get(url)) == ("ok" if spec.scope == "person" else "not found")
    client.force_login(owner)
    assert outcome(client.get(url)) == "ok"

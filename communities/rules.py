"""Capabilities about people, communities and programs, as predicates over the viewer's roles.

A facilitator holds every capability in their CoP. An archived CoP is read-only: capabilities
that change it are refused there, except moving it out of the archive.

Every predicate answers no for an object it does not know. An object that belongs to a CoP says
which one through one explicit accessor, `owning_community` (threads, replies, pings, reports,
memberships, requests, invitations; a later app's models the same way): `community_of()` asks
only that, never guesses from other attributes.
"""

import rules

from communities.access import access_of
from communities.models import (
    AnswerVisibility,
    Community,
    JoinPolicy,
    Membership,
    Ping,
    Post,
    Program,
    Role,
    Thread,
    User,
    Visibility,
)
from communities.ownership import community_of


def thread_of(obj) -> Thread | None:
    if isinstance(obj, Thread):
        return obj
    if isinstance(obj, Post):
        return obj.thread
    return None


@rules.predicate
def is_self(user, person) -> bool:
    return isinstance(person, User) and user.is_authenticated and user.pk == person.pk


@rules.predicate
def is_member(user, community) -> bool:
    return isinstance(community, Community) and access_of(user).is_member(community.pk)


def holds(role: str):
    """The role itself, or facilitator, which includes every role."""

    @rules.predicate(name=f"holds_{role}")
    def predicate(user, community) -> bool:
        access = access_of(user)
        return isinstance(community, Community) and (
            access.has_role(community.pk, role) or access.has_role(community.pk, Role.FACILITATOR)
        )

    return predicate


@rules.predicate
def leads_its_program(user, community) -> bool:
    return (
        isinstance(community, Community)
        and community.program_id is not None
        and community.program_id in access_of(user).led_program_ids
    )


@rules.predicate
def in_a_program(user, community) -> bool:
    return isinstance(community, Community) and community.program_id is not None


@rules.predicate
def is_its_provider(user, community) -> bool:
    return (
        isinstance(community, Community)
        and user.is_authenticated
        and community.provider_id == user.pk
    )


@rules.predicate
def is_public(user, community) -> bool:
    return isinstance(community, Community) and community.visibility == Visibility.PUBLIC


@rules.predicate
def is_writable(user, community) -> bool:
    """The CoP is not archived (an archived CoP is read-only)."""
    return isinstance(community, Community) and not community.is_archived


def policy_is(policy: str):
    @rules.predicate(name=f"policy_is_{policy}")
    def predicate(user, community) -> bool:
        return isinstance(community, Community) and community.join_policy == policy

    return predicate


@rules.predicate
def is_tta_leader(user) -> bool:
    return user.is_authenticated and user.is_tta_leader


@rules.predicate
def leads_program(user, program) -> bool:
    return isinstance(program, Program) and program.pk in access_of(user).led_program_ids


is_facilitator = holds(Role.FACILITATOR)
manages_members = holds(Role.MEMBERSHIP_MANAGER)
oversees = leads_its_program | is_its_provider
writable = is_writable

# People
rules.add_perm("profile.view", rules.is_authenticated)
rules.add_perm("profile.edit", is_self)
rules.add_perm("account.delete", is_self)

# Communities
rules.add_perm("community.create", rules.is_authenticated)
rules.add_perm("community.view", is_public | is_member | oversees)
rules.add_perm("community.view_members", is_member | oversees)
rules.add_perm(
    "community.join",
    rules.is_authenticated & ~is_member & policy_is(JoinPolicy.OPEN) & writable,
)
rules.add_perm(
    "community.request_to_join",
    rules.is_authenticated & ~is_member & policy_is(JoinPolicy.APPROVAL) & writable,
)
rules.add_perm("community.leave", is_member)
rules.add_perm("community.edit", is_facilitator & writable)
rules.add_perm("community.change_stage", is_facilitator)
rules.add_perm("community.manage_roles", is_facilitator & writable)
rules.add_perm("community.manage_members", manages_members & writable)
# Pre-assignment adds people without asking them first: only a program assigns its participants,
# so a stand-alone CoP invites (SPEC §2).
preassigns = in_a_program & (manages_members | leads_its_program) & writable
rules.add_perm("community.preassign", preassigns)
# The page that invites or pre-assigns a list of people, and its result.
rules.add_perm("community.invite", (manages_members & writable) | preassigns)

# Programs
rules.add_perm("program.create", is_tta_leader)
rules.add_perm("program.view", rules.is_authenticated)
rules.add_perm("program.edit", leads_program)


# --- Discussions: predicates take a Community, a Thread or a Post ------------------------------


def on_its_community(predicate):
    @rules.predicate(name=f"on_community_{predicate.name}")
    def wrapped(user, obj) -> bool:
        return predicate.test(user, community_of(obj))

    return wrapped


@rules.predicate
def is_author(user, obj) -> bool:
    return isinstance(obj, Thread | Post) and user.is_authenticated and obj.author_id == user.pk


@rules.predicate
def thread_author_of(user, obj) -> bool:
    thread = thread_of(obj)
    return thread is not None and user.is_authenticated and thread.author_id == user.pk


@rules.predicate
def thread_open_for_writing(user, obj) -> bool:
    """A thread or reply whose thread is not archived; anything else of a CoP has no thread."""
    if isinstance(obj, Thread | Post):
        return thread_of(obj).archived_at is None
    return community_of(obj) is not None


member_here = on_its_community(is_member)
# Neither the CoP nor (for threads and replies) the thread is archived.
writable_here = on_its_community(is_writable) & thread_open_for_writing
moderates_here = on_its_community(holds(Role.DISCUSSION_MODERATOR))

rules.add_perm(
    "discussion.read",
    member_here | (rules.is_authenticated & on_its_community(is_public)),
)
rules.add_perm("thread.create", member_here & writable_here)
rules.add_perm("thread.announce", on_its_community(is_facilitator) & writable_here)
rules.add_perm("thread.reply", member_here & writable_here)
rules.add_perm("thread.follow", member_here)
rules.add_perm("post.edit", is_author & member_here & writable_here)
rules.add_perm("post.react", member_here & writable_here & ~is_author)
rules.add_perm("thread.accept_answer", (thread_author_of | moderates_here) & writable_here)
rules.add_perm("thread.moderate", moderates_here & writable_here)
rules.add_perm("post.report", member_here & writable_here & ~is_author)
# Archiving is how a thread leaves the default list; archivists can also bring it back.
rules.add_perm("thread.archive", on_its_community(holds(Role.ARCHIVIST) & is_writable))


# --- Pings ------------------------------------------------------------------------------------


@rules.predicate
def is_a_ping(user, obj) -> bool:
    return isinstance(obj, Ping)


@rules.predicate
def ping_is_open(user, ping) -> bool:
    return isinstance(ping, Ping) and ping.is_open


@rules.predicate
def answers_shown_to_all(user, ping) -> bool:
    return isinstance(ping, Ping) and ping.answers_visible_to == AnswerVisibility.ALL


leads_here = on_its_community(is_facilitator)
rules.add_perm("ping.create", leads_here & writable_here)
rules.add_perm("ping.read", member_here | leads_here)
rules.add_perm("ping.answer", member_here & writable_here & ping_is_open)
rules.add_perm("ping.results", is_a_ping & (leads_here | (member_here & answers_shown_to_all)))


# --- Memberships ------------------------------------------------------------------------------


@rules.predicate
def holds_no_facilitator_role(user, membership) -> bool:
    if not isinstance(membership, Membership):
        return False
    # The members page prefetches the roles; elsewhere they are asked once.
    roles = getattr(membership, "role_list", None)
    if roles is None:
        roles = membership.roles.all()
    return all(role.role != Role.FACILITATOR for role in roles)


# Only a facilitator removes a facilitator: a membership manager cannot take a CoP over.
rules.add_perm(
    "membership.remove",
    on_its_community(manages_members & is_writable)
    & (holds_no_facilitator_role | on_its_community(is_facilitator)),
)

"""Capabilities about people, communities and programs, as predicates over the viewer's roles.

A facilitator holds every capability in their CoP. An archived CoP is read-only: capabilities
that change it are refused there, except moving it out of the archive.
"""

import rules

from communities.access import access_of
from communities.models import JoinPolicy, Role, Visibility


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.is_authenticated and user.pk == person.pk


@rules.predicate
def is_member(user, community) -> bool:
    return community is not None and access_of(user).is_member(community.pk)


def holds(role: str):
    """The role itself, or facilitator, which includes every role."""

    @rules.predicate(name=f"holds_{role}")
    def predicate(user, community) -> bool:
        access = access_of(user)
        return community is not None and (
            access.has_role(community.pk, role) or access.has_role(community.pk, Role.FACILITATOR)
        )

    return predicate


@rules.predicate
def leads_its_program(user, community) -> bool:
    return (
        community is not None
        and community.program_id is not None
        and community.program_id in access_of(user).led_program_ids
    )


@rules.predicate
def is_its_provider(user, community) -> bool:
    return community is not None and user.is_authenticated and community.provider_id == user.pk


@rules.predicate
def is_public(user, community) -> bool:
    return community is not None and community.visibility == Visibility.PUBLIC


@rules.predicate
def is_archived(user, community) -> bool:
    return community is not None and community.is_archived


def policy_is(policy: str):
    @rules.predicate(name=f"policy_is_{policy}")
    def predicate(user, community) -> bool:
        return community is not None and community.join_policy == policy

    return predicate


@rules.predicate
def is_tta_leader(user) -> bool:
    return user.is_authenticated and user.is_tta_leader


@rules.predicate
def leads_program(user, program) -> bool:
    return program is not None and program.pk in access_of(user).led_program_ids


is_facilitator = holds(Role.FACILITATOR)
manages_members = holds(Role.MEMBERSHIP_MANAGER)
oversees = leads_its_program | is_its_provider
writable = ~is_archived

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

# Programs
rules.add_perm("program.create", is_tta_leader)
rules.add_perm("program.view", rules.is_authenticated)
rules.add_perm("program.edit", leads_program)


# --- Discussions: predicates take a Community, a Thread or a Post ------------------------------


def community_of(obj):
    if obj is None:
        return None
    if hasattr(obj, "thread"):  # a Post
        return obj.thread.community
    return getattr(obj, "community", obj)


def on_its_community(predicate):
    @rules.predicate(name=f"on_community_{predicate.name}")
    def wrapped(user, obj) -> bool:
        return predicate.test(user, community_of(obj))

    return wrapped


@rules.predicate
def is_author(user, obj) -> bool:
    return obj is not None and user.is_authenticated and obj.author_id == user.pk


@rules.predicate
def thread_author_of(user, obj) -> bool:
    thread = getattr(obj, "thread", obj)
    return thread is not None and user.is_authenticated and thread.author_id == user.pk


@rules.predicate
def thread_archived(user, obj) -> bool:
    thread = getattr(obj, "thread", obj)
    return getattr(thread, "archived_at", None) is not None


member_here = on_its_community(is_member)
# Neither the CoP nor (for threads and replies) the thread is archived.
writable_here = on_its_community(~is_archived) & ~thread_archived
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
rules.add_perm("thread.archive", on_its_community(holds(Role.ARCHIVIST) & ~is_archived))


# --- Pings ------------------------------------------------------------------------------------


@rules.predicate
def ping_is_open(user, ping) -> bool:
    return ping is not None and getattr(ping, "is_open", True)


@rules.predicate
def answers_shown_to_all(user, ping) -> bool:
    return ping is not None and getattr(ping, "answers_visible_to", "all") == "all"


leads_here = on_its_community(is_facilitator)
rules.add_perm("ping.create", leads_here & writable_here)
rules.add_perm("ping.read", member_here | leads_here)
rules.add_perm("ping.answer", member_here & writable_here & ping_is_open)
rules.add_perm("ping.results", leads_here | (member_here & answers_shown_to_all))

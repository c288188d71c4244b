"""The toolkit's capabilities, over the roles the viewer holds in the CoP whose toolkit it is.

Members read and share; knowledge editors curate (edit, tag, feature, retire and restore);
archivists retire (archive) and restore resources too; knowledge editors and usage analysts see
the figures. Those who oversee a CoP read its toolkit only as members would (SPEC §1: "its
threads and files only if they are members"), except on a public CoP, whose toolkit anyone
signed in reads. An archived CoP's toolkit is read-only.

Knowledge entries: members draft, knowledge editors publish (and choose whether the CoP's
published entries reach its program's body of knowledge); a draft is its author's and the
editors'. A knowledge broker shares a resource or thread of their CoP into another CoP of the
program where they are a member too (toolkit/brokering.py checks the target).

Program-wide resources belong to no CoP: their program's TTA leaders add, edit and retire them
on the program's toolkit page. In a CoP they are read, featured and discussed like the CoP's own.
"""

import rules

from communities.access import access_of
from communities.models import Community, Program, Role
from communities.rules import holds, is_member, is_public, is_writable, leads_program
from toolkit.models import KnowledgeEntry, Resource

readable = is_member | (rules.is_authenticated & is_public)
curates = holds(Role.KNOWLEDGE_EDITOR)


@rules.predicate
def leads_its_program(user, resource) -> bool:
    return isinstance(resource, Resource) and (
        resource.program_id is not None and leads_program.test(user, resource.program)
    )


def in_its_community(role_predicate):
    """The viewer holds the role in the resource's own (writable) CoP; no one CoP's role
    reaches a program-wide resource."""

    @rules.predicate(name=f"in_its_community_{role_predicate.name}")
    def predicate(user, resource) -> bool:
        return (
            isinstance(resource, Resource)
            and resource.community_id is not None
            and role_predicate.test(user, resource.community)
            and is_writable.test(user, resource.community)
        )

    return predicate


curates_its_community = in_its_community(curates)


# On a CoP (the toolkit page, a resource's page in it).
rules.add_perm("toolkit.view", readable)
rules.add_perm("toolkit.share", is_member & is_writable)
rules.add_perm("toolkit.curate", curates & is_writable)
rules.add_perm("toolkit.see_counts", curates | holds(Role.USAGE_ANALYST))
rules.add_perm("toolkit.use", is_member & is_writable)
rules.add_perm("toolkit.discuss", is_member & is_writable)

# On a resource: its own CoP's knowledge editors, or its program's TTA leaders.
rules.add_perm("resource.edit", curates_its_community | leads_its_program)
# Retiring is curating, and archiving (SPEC §1: archivists archive threads and resources).
rules.add_perm(
    "resource.retire",
    curates_its_community | in_its_community(holds(Role.ARCHIVIST)) | leads_its_program,
)

# On a program: its TTA leaders keep its program-wide toolkit.
rules.add_perm("program.toolkit", leads_program)


# Knowledge capture, on a CoP.
rules.add_perm("knowledge.view", readable)
rules.add_perm("knowledge.draft", is_member & is_writable)
rules.add_perm("knowledge.publish", curates & is_writable)
# Which drafts the knowledge page lists (an archived CoP's too, read-only): every one for its
# editors, one's own for a member.
rules.add_perm("knowledge.see_drafts", curates)
rules.add_perm("knowledge.see_own_drafts", is_member)
rules.add_perm("toolkit.broker", holds(Role.KNOWLEDGE_BROKER) & is_writable)


@rules.predicate
def reads_entry(user, entry) -> bool:
    """Published: whoever reads the CoP's knowledge. A draft: its author and the CoP's editors."""
    if not isinstance(entry, KnowledgeEntry):
        return False
    if entry.is_published:
        return readable.test(user, entry.community)
    is_author = user.is_authenticated and entry.author_id == user.pk
    return (is_author and is_member.test(user, entry.community)) or curates.test(
        user, entry.community
    )


rules.add_perm("entry.read", reads_entry)


@rules.predicate
def edits_entry(user, entry) -> bool:
    """Its author while it is a draft (and they are still a member); the CoP's editors always.
    Never in an archived CoP."""
    if not isinstance(entry, KnowledgeEntry) or not is_writable.test(user, entry.community):
        return False
    own_draft = (
        not entry.is_published
        and user.is_authenticated
        and entry.author_id == user.pk
        and is_member.test(user, entry.community)
    )
    return own_draft or curates.test(user, entry.community)


rules.add_perm("entry.edit", edits_entry)


@rules.predicate
def in_its_program(user, program) -> bool:
    """A member of one of the program's CoPs."""
    if not isinstance(program, Program):
        return False
    member_of = list(access_of(user).roles)
    return bool(member_of) and Community.objects.filter(pk__in=member_of, program=program).exists()


# A program's body of knowledge: its TTA leaders and the members of its CoPs.
rules.add_perm("program.knowledge", leads_program | in_its_program)

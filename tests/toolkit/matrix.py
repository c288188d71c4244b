"""The toolkit's part of the permission matrix. The runner is `tests/test_permission_matrix.py`.

A private CoP's toolkit, its resources' pages and their files are not found for anyone who may
not know the CoP (an outsider, staff); those who oversee it (its program's TTA leaders, its
provider) know the CoP but not its files (SPEC §1), so they are refused."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from communities.models import Role, Visibility
from tests.factories import CommunityFactory
from tests.matrix import MEMBER_PERSONAS, AppMatrix, Spec
from toolkit.models import KnowledgeEntry, KnowledgeKind, Resource, ResourceKind, SharedItem

URLS = {
    "toolkit:list": Spec("toolkit.view"),
    "toolkit:create": Spec("toolkit.share", ("GET", "POST")),
    "toolkit:detail": Spec("toolkit.view", target="resource"),
    "toolkit:download": Spec("toolkit.view", target="resource"),
    "toolkit:edit": Spec("resource.edit", ("GET", "POST"), target="resource"),
    "toolkit:retire": Spec("resource.retire", ("GET", "POST"), target="resource"),
    "toolkit:restore": Spec("resource.retire", ("POST",), target="resource"),
    "toolkit:feature": Spec("toolkit.curate", ("POST",), data={"featured": "1"}, target="resource"),
    "toolkit:use": Spec("toolkit.use", ("POST",), target="resource"),
    "toolkit:discuss": Spec(
        "toolkit.discuss", ("POST",), data={"body": "We tried it."}, target="resource"
    ),
    # Knowledge capture (the entry target is published; a draft's readers: test_knowledge.py).
    "toolkit:knowledge": Spec("knowledge.view"),
    "toolkit:knowledge_create": Spec("knowledge.draft", ("GET", "POST")),
    "toolkit:knowledge_detail": Spec("knowledge.view", target="knowledge_entry"),
    "toolkit:knowledge_edit": Spec("entry.edit", ("GET", "POST"), target="knowledge_entry"),
    "toolkit:knowledge_publish": Spec(
        "knowledge.publish", ("GET", "POST"), data={"published": "0"}, target="knowledge_entry"
    ),
    "toolkit:knowledge_sharing": Spec("knowledge.publish", ("POST",), data={"share": "1"}),
    # Brokering: POSTs name no target CoP (the form answers 422); the targets' rules are in
    # test_brokering.py. The shared item was shared into this CoP from a sibling.
    "toolkit:broker_resource": Spec("toolkit.broker", ("GET", "POST"), target="resource"),
    "toolkit:broker_thread": Spec("toolkit.broker", ("GET", "POST"), target="thread"),
    "toolkit:shared": Spec("toolkit.view", target="shared_item"),
    "toolkit:shared_file": Spec("toolkit.view", target="shared_item"),
    "toolkit:program_knowledge": Spec("program.knowledge", scope="program"),
    "toolkit:program_knowledge_entry": Spec(
        "program.knowledge", scope="program", target="knowledge_entry"
    ),
    # A program's own toolkit: its TTA leaders' (the program's CoPs see its resources in theirs).
    "toolkit:program_list": Spec("program.toolkit", scope="program"),
    "toolkit:program_create": Spec("program.toolkit", ("GET", "POST"), scope="program"),
    "toolkit:program_edit": Spec(
        "program.toolkit", ("GET", "POST"), scope="program", target="program_resource"
    ),
    "toolkit:program_retire": Spec(
        "program.toolkit", ("GET", "POST"), scope="program", target="program_resource"
    ),
    "toolkit:program_restore": Spec(
        "program.toolkit", ("POST",), scope="program", target="program_resource"
    ),
    "toolkit:program_download": Spec("program.toolkit", scope="program", target="program_resource"),
}

READING = {
    "toolkit.view",
    "toolkit.share",
    "toolkit.use",
    "toolkit.discuss",
    "knowledge.view",
    "knowledge.draft",
}
CURATING = READING | {
    "toolkit.curate",
    "resource.edit",
    "resource.retire",
    "knowledge.publish",
    "entry.edit",
}
CAPABILITIES = dict.fromkeys(MEMBER_PERSONAS, READING) | {
    Role.FACILITATOR: CURATING | {"toolkit.broker"},
    Role.KNOWLEDGE_EDITOR: CURATING,
    Role.KNOWLEDGE_BROKER: READING | {"toolkit.broker"},
    # Archivists archive resources (SPEC §1): they retire them, and curate nothing else.
    Role.ARCHIVIST: READING | {"resource.retire"},
}


def _stored(name: str) -> str:
    return default_storage.save(f"toolkit/{name}", ContentFile(b"Agenda\nWelcome\n"))


def build_targets(community, people) -> dict:
    """A template of the CoP with a file and a discussion prompt, shared by the "member"
    persona; and a program-wide template with a file (one per CoP of the world)."""
    resource = Resource.objects.create(
        community=community,
        kind=ResourceKind.TEMPLATE,
        title="Meeting agenda template",
        prompt="How do you open your meetings?",
        file=_stored("agenda"),
        file_name="agenda.txt",
        file_type="text/plain",
        file_size=15,
        author=people["member"],
    )
    program_resource = Resource.objects.create(
        program=community.program,
        kind=ResourceKind.TOOL,
        title="Facilitation checklist",
        url="https://example.org/checklist",
        file=_stored("checklist"),
        file_name="checklist.txt",
        file_type="text/plain",
        file_size=15,
        author=people["program_leader"],
    )
    entry = KnowledgeEntry.objects.create(
        community=community,
        kind=KnowledgeKind.LESSON,
        title="Start meetings with a check-in",
        body="It helped.",
        body_html="<p>It helped.</p>",
        author=people["member"],
        published_at=timezone.now(),
    )
    return {
        "resource": resource.pk,
        "program_resource": program_resource.pk,
        "knowledge_entry": entry.pk,
        "shared_item": _shared_into(community, people).pk,
    }


def _shared_into(community, people) -> SharedItem:
    """A sibling CoP's resource with a file, shared into this CoP by a broker."""
    sibling = CommunityFactory(program=community.program, visibility=Visibility.PRIVATE)
    resource = Resource.objects.create(
        community=sibling,
        kind=ResourceKind.TEMPLATE,
        title="Sibling's template",
        file=_stored("sibling"),
        file_name="sibling.txt",
        file_type="text/plain",
        file_size=15,
    )
    return SharedItem.objects.create(
        community=community, source=sibling, resource=resource, broker=people["knowledge_broker"]
    )


MATRIX = AppMatrix(
    urls=URLS,
    capabilities=CAPABILITIES,
    public_to_signed_in={"toolkit.view", "knowledge.view"},
    program_capabilities={"program_leader": {"program.toolkit", "program.knowledge"}}
    # Every member persona belongs to the program's CoPs: they read its body of knowledge.
    | dict.fromkeys(MEMBER_PERSONAS, frozenset({"program.knowledge"})),
    build_targets=build_targets,
)

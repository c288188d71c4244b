"""The toolkit's part of the permission matrix. The runner is `tests/test_permission_matrix.py`.

A private CoP's toolkit, its resources' pages and their files are not found for anyone who may
not know the CoP (an outsider, staff); those who oversee it (its program's TTA leaders, its
provider) know the CoP but not its files (SPEC §1), so they are refused."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from communities.models import Role
from tests.matrix import MEMBER_PERSONAS, AppMatrix, Spec
from toolkit.models import Resource, ResourceKind

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

READING = {"toolkit.view", "toolkit.share", "toolkit.use", "toolkit.discuss"}
CURATING = READING | {"toolkit.curate", "resource.edit", "resource.retire"}
CAPABILITIES = dict.fromkeys(MEMBER_PERSONAS, READING) | {
    Role.FACILITATOR: CURATING,
    Role.KNOWLEDGE_EDITOR: CURATING,
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
    return {"resource": resource.pk, "program_resource": program_resource.pk}


MATRIX = AppMatrix(
    urls=URLS,
    capabilities=CAPABILITIES,
    public_to_signed_in={"toolkit.view"},
    program_capabilities={"program_leader": {"program.toolkit"}},
    build_targets=build_targets,
)

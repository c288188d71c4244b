"""The toolkit's part of the demo (SPEC §10, issue 13): TTA-provided templates and tools of the
demo program, and in two of its CoPs their own links, a video and an article, some featured and
some carrying a discussion prompt. Registered in `ToolkitConfig.ready()`; people, the program
and CoPs come from communities' seeders. Running it again changes nothing."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from communities.models import Program
from communities.services.people import tags_named
from cop_platform.demo import DemoData
from cop_platform.uploads import check_upload, store_upload
from toolkit.models import FeaturedResource, Resource, ResourceKind

PROGRAM_SLUG = "2024-cop-series"
LEADER = "leader@example.org"
EDITOR = "editor@example.org"
MEMBER = "member@example.org"

# Program-wide: every CoP of the program sees these, marked TTA-provided.
PROGRAM_RESOURCES = [
    {
        "kind": ResourceKind.TEMPLATE,
        "title": "CoP charter template",
        "description": "A one-page charter: shared concern, purpose, goals, roles and norms.",
        "url": "",
        "file": (
            "cop-charter-template.txt",
            "CoP charter\n\nShared concern:\nPurpose:\nGoals (three at most):\n"
            "Roles:\nHow we meet:\nNorms we agree on:\n",
        ),
        "prompt": "Which part of the charter was hardest for your CoP to agree on?",
        "tags": ["charter", "getting started"],
    },
    {
        "kind": ResourceKind.TOOL,
        "title": "Meeting facilitation checklist",
        "description": "Before, during and after: a checklist for running a CoP meeting.",
        "url": "https://example.org/tta/facilitation-checklist",
        "prompt": "",
        "tags": ["facilitation", "meetings"],
    },
    {
        "kind": ResourceKind.STRATEGY,
        "title": "Sustainability planning guide",
        "description": "How a CoP plans to continue after the TTA program ends.",
        "url": "https://example.org/tta/sustainability-guide",
        "prompt": "",
        "tags": ["sustainability"],
    },
]

# slug → (author email, resource); the CoPs' own.
COP_RESOURCES = {
    "recovery-leaders": [
        (
            EDITOR,
            {
                "kind": ResourceKind.TEMPLATE,
                "title": "Staffing plan template",
                "description": "A template for planning recovery-support staffing for a year.",
                "url": "https://example.org/recovery/staffing-plan",
                "prompt": "How do you cover shifts when a peer specialist leaves?",
                "tags": ["staffing", "workforce"],
            },
        ),
        (
            MEMBER,
            {
                "kind": ResourceKind.LINK,
                "title": "National recovery month toolkit",
                "description": "Outreach materials for recovery month events.",
                "url": "https://example.org/recovery-month",
                "prompt": "",
                "tags": ["outreach"],
            },
        ),
    ],
    "peer-support-supervisors": [
        (
            MEMBER,
            {
                "kind": ResourceKind.VIDEO,
                "title": "Reflective supervision in practice (video)",
                "description": "A twenty-minute recorded session with a supervisor and a peer.",
                "url": "https://video.example.org/reflective-supervision",
                "prompt": "What would you try in your next supervision session?",
                "tags": ["supervision", "reflective practice"],
            },
        ),
        (
            MEMBER,
            {
                "kind": ResourceKind.ARTICLE,
                "title": "Boundaries in the peer role",
                "description": "An article on keeping the peer role distinct from clinical work.",
                "url": "https://example.org/articles/peer-boundaries",
                "prompt": "",
                "tags": ["supervision", "boundaries"],
            },
        ),
    ],
}

# slug → titles its knowledge editors featured.
FEATURED = {
    "recovery-leaders": ["Staffing plan template", "CoP charter template"],
    "peer-support-supervisors": [
        "CoP charter template",
        "Reflective supervision in practice (video)",
    ],
}


def _seed_resource(spec: dict, *, author, community=None, program=None) -> Resource:
    fields = {name: value for name, value in spec.items() if name not in {"tags", "file"}}
    resource, _created = Resource.objects.update_or_create(
        community=community,
        program=program,
        title=fields.pop("title"),
        defaults={**fields, "author": author, "retired_at": None},
    )
    resource.tags.set(tags_named(spec["tags"]))
    if "file" in spec and not (resource.file and default_storage.exists(resource.file)):
        _attach(resource, *spec["file"])
    return resource


def _attach(resource: Resource, name: str, text: str) -> None:
    """A file through the same upload rules as a member's (checked, stored by random name)."""
    checked = check_upload(SimpleUploadedFile(name, text.encode(), content_type="text/plain"))
    resource.file = store_upload(checked, folder="toolkit")
    resource.file_name, resource.file_type, resource.file_size = (
        checked.name,
        checked.content_type,
        checked.size,
    )
    resource.save(update_fields=["file", "file_name", "file_type", "file_size"])


def seed_toolkit(data: DemoData) -> list[str]:
    program = Program.objects.get(slug=PROGRAM_SLUG)
    by_title = {
        spec["title"]: _seed_resource(spec, author=data.people[LEADER], program=program)
        for spec in PROGRAM_RESOURCES
    }
    lines = ["Toolkit:", f"  {program.slug:<30} {len(PROGRAM_RESOURCES)} TTA-provided resources"]
    for slug, entries in COP_RESOURCES.items():
        community = data.communities[slug]
        own = {
            spec["title"]: _seed_resource(spec, author=data.people[email], community=community)
            for email, spec in entries
        }
        for title in FEATURED[slug]:
            FeaturedResource.objects.get_or_create(
                community=community,
                resource=own.get(title) or by_title[title],
                defaults={"featured_by": data.people[EDITOR]},
            )
        lines.append(f"  {slug:<30} {len(own)} resources, {len(FEATURED[slug])} featured")
    return lines

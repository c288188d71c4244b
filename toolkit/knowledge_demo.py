"""Knowledge capture and brokering in the demo: published entries of two CoPs of the demo
program (one publishing to the program), a member's draft waiting for an editor, and the
staffing template the knowledge broker shared from Recovery Leaders into Rural Outreach.
Runs after the toolkit's seeder (it shares one of its resources); running it again changes
nothing."""

from django.utils import timezone

from communities.discussions.markdown import render_markdown
from communities.services.people import tags_named
from cop_platform.demo import DemoData
from toolkit.models import KnowledgeEntry, KnowledgeKind, ProgramSharing, Resource, SharedItem

EDITOR = "editor@example.org"
MEMBER = "member@example.org"
BROKER = "broker@example.org"

# slug → (author, kind, title, body, tags, published)
ENTRIES = {
    "recovery-leaders": [
        (
            MEMBER,
            KnowledgeKind.LESSON,
            "Pair new peer specialists with a mentor for their first month",
            "Turnover dropped when each new hire had **one named mentor** and a weekly "
            "half-hour check-in.\n\n- Name the mentor before day one\n- Keep the check-in short",
            ["workforce", "mentoring"],
            True,
        ),
        (
            EDITOR,
            KnowledgeKind.PRACTICE,
            "Open every meeting with a two-minute check-in",
            "Members said the check-in made it easier to bring a hard case to the group.",
            ["meetings"],
            True,
        ),
        (
            MEMBER,
            KnowledgeKind.INNOVATION,
            "A shared on-call rota across three small programs",
            "Draft: we are still collecting the numbers before an editor publishes this.",
            ["staffing"],
            False,
        ),
    ],
    "rural-outreach": [
        (
            EDITOR,
            KnowledgeKind.CASE_STUDY,
            "Telehealth kiosks at the county extension office",
            "How one frontier county placed a private telehealth kiosk in a trusted building, "
            "and what it took to keep it staffed.",
            ["telehealth", "partnerships"],
            True,
        ),
    ],
}
# Private or invitation-only CoPs that chose to publish their entries to the program.
PUBLISH_TO_PROGRAM = ["rural-outreach"]
# (resource title, from, into): what the demo's knowledge broker shared.
BROKERED = [("Staffing plan template", "recovery-leaders", "rural-outreach")]


def _seed_entry(community, people, spec) -> KnowledgeEntry:
    author, kind, title, body, tags, published = spec
    entry, _created = KnowledgeEntry.objects.update_or_create(
        community=community,
        title=title,
        defaults={
            "kind": kind,
            "body": body,
            "body_html": render_markdown(body),
            "author": people[author],
        },
    )
    if published and not entry.is_published:
        entry.published_at, entry.published_by = timezone.now(), people[EDITOR]
        entry.save(update_fields=["published_at", "published_by"])
    entry.tags.set(tags_named(tags))
    return entry


def seed_knowledge(data: DemoData) -> list[str]:
    lines = ["Knowledge:"]
    for slug, specs in ENTRIES.items():
        community = data.communities[slug]
        entries = [_seed_entry(community, data.people, spec) for spec in specs]
        published = sum(entry.is_published for entry in entries)
        lines.append(f"  {slug:<30} {published} published, {len(entries) - published} draft")
    for slug in PUBLISH_TO_PROGRAM:
        ProgramSharing.objects.get_or_create(
            community=data.communities[slug], defaults={"chosen_by": data.people[EDITOR]}
        )
    for title, source_slug, target_slug in BROKERED:
        source = data.communities[source_slug]
        SharedItem.objects.get_or_create(
            community=data.communities[target_slug],
            resource=Resource.objects.get(community=source, title=title),
            defaults={"source": source, "broker": data.people[BROKER]},
        )
        lines.append(f"  {title!r} shared from {source_slug} into {target_slug}")
    return lines

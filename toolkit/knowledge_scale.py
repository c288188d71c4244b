"""Knowledge capture and brokering in the scale data (`manage.py seed_scale`), registered after
the toolkit's resources: each CoP's knowledge entries (most published, some drafts), the
private CoPs that publish to their program, and resources brokers shared into a sibling CoP.

Most CoPs hold a handful of entries (a few none, a few sixty); a private CoP publishes to its
program a third of the time.
"""

import datetime as dt
from collections import defaultdict

from django.utils.html import escape

from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY
from toolkit.models import KnowledgeKind, Resource

ENTRIES = ((0, 20), (3, 40), (10, 30), (60, 10))
DRAFT_SHARE = 0.15
PROGRAM_SHARING_SHARE = 1 / 3
SHARED_RESOURCE_SHARE = 0.05


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def seed_knowledge(run: ScaleRun) -> None:
    cops = [cop for cop in run.shared["communities"] if cop.members]
    _seed_entries(run, cops)
    _seed_program_sharing(run, cops)
    _seed_shared_resources(run, cops)


def _entry_row(run: ScaleRun, pk: int, cop) -> tuple:
    rng = run.rng
    created = run.now - dt.timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
    published = None if rng.random() < DRAFT_SHARE else created + dt.timedelta(days=2)
    body = VOCABULARY.sentence(rng, rng.randint(30, 150)) + "."
    return (
        pk, cop.id, rng.choice(KnowledgeKind.values), VOCABULARY.title(rng)[:200], body,
        f"<p>{escape(body)}</p>", rng.choice(cop.members), created, created, published,
        cop.facilitator if published else None,
    )  # fmt: skip


def _seed_entries(run: ScaleRun, cops) -> None:
    pk = next_id("toolkit_knowledgeentry")
    rows = []
    for cop in cops:
        for _ in range(_pick(run.rng, ENTRIES)):
            rows.append(_entry_row(run, pk, cop))
            pk += 1
    columns = (
        "id", "community_id", "kind", "title", "body", "body_html", "author_id", "created_at",
        "updated_at", "published_at", "published_by_id",
    )  # fmt: skip
    run.copy("toolkit_knowledgeentry", columns, rows)


def _seed_program_sharing(run: ScaleRun, cops) -> None:
    first = next_id("toolkit_programsharing")
    chosen = [
        cop
        for cop in cops
        if cop.private and cop.program_id and run.rng.random() < PROGRAM_SHARING_SHARE
    ]
    rows = ((first + n, cop.id, cop.facilitator, run.now) for n, cop in enumerate(chosen))
    run.copy("toolkit_programsharing", ("id", "community_id", "chosen_by_id", "chosen_at"), rows)


def _seed_shared_resources(run: ScaleRun, cops) -> None:
    """A live resource of a CoP of a program, shared into a sibling by the source's facilitator."""
    rng = run.rng
    by_program = defaultdict(list)
    for cop in cops:
        if cop.program_id:
            by_program[cop.program_id].append(cop)
    by_id = {cop.id: cop for cop in cops}
    live = Resource.objects.filter(
        community_id__in=list(by_id), community__program__isnull=False, retired_at__isnull=True
    ).values_list("pk", "community_id")
    first, rows = next_id("toolkit_shareditem"), []
    for resource, source_id in live:
        source = by_id[source_id]
        siblings = [cop for cop in by_program[source.program_id] if cop.id != source_id]
        if siblings and rng.random() < SHARED_RESOURCE_SHARE:
            target = rng.choice(siblings)
            rows.append(
                (first + len(rows), target.id, source_id, resource, "", source.facilitator, run.now)
            )
    columns = ("id", "community_id", "source_id", "resource_id", "note", "broker_id", "shared_at")
    run.copy("toolkit_shareditem", columns, rows)

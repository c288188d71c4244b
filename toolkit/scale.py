"""The toolkit's part of the scale data (`manage.py seed_scale`), registered in
`ToolkitConfig.ready()` after communities' and meetings' seeders: each program's TTA-provided
resources, each CoP's own, their tags, the CoPs' featured strips, usage figures, "used this"
marks, and discussion prompts linked to threads of the CoP.

Most CoPs hold a dozen or two resources (a few hold none, a few a hundred); some are retired.
Resources are links here: files would need a store the bench does not keep.
"""

import datetime as dt
from collections import defaultdict

from communities.scale.communities import ScaleCommunity
from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY
from toolkit.models import ResourceKind

PROGRAM_RESOURCES = (8, 20)
COP_RESOURCES = ((0, 10), (5, 30), (15, 35), (40, 20), (120, 5))
KINDS = (
    (ResourceKind.LINK, 30),
    (ResourceKind.DOCUMENT, 20),
    (ResourceKind.TEMPLATE, 15),
    (ResourceKind.VIDEO, 10),
    (ResourceKind.ARTICLE, 10),
    (ResourceKind.TOOL, 10),
    (ResourceKind.STRATEGY, 5),
)
TAGS_AT_FACTOR_ONE = 60
RETIRED_SHARE = 0.05
PROMPT_SHARE = 0.2
FEATURED_PER_COP = (2, 8)
USE_SHARE = 0.04
# Where a resource row (as `_resource_row` builds it) holds what later tables read.
PK, COMMUNITY, PROGRAM, PROMPT, RETIRED = 0, 1, 2, 11, 15


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def seed_toolkit(run: ScaleRun) -> None:
    tags = _seed_tags(run)
    resources = _seed_resources(run)
    _seed_resource_tags(run, resources, tags)
    _seed_featured_and_figures(run, resources)
    _seed_prompt_threads(run, resources)


def _seed_tags(run: ScaleRun) -> list[int]:
    first = next_id("communities_tag")
    ids = list(range(first, first + run.scaled(TAGS_AT_FACTOR_ONE, minimum=10)))
    rows = ((pk, VOCABULARY.sentence(run.rng, 2)[:50], f"scale-topic-{pk}") for pk in ids)
    run.copy("communities_tag", ("id", "name", "slug"), rows)
    return ids


def _resource_row(run: ScaleRun, pk: int, cop: ScaleCommunity | None, program: int | None):
    rng = run.rng
    created = run.now - dt.timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
    retired = created + dt.timedelta(days=30) if rng.random() < RETIRED_SHARE else None
    prompt = VOCABULARY.title(rng, question=True)[:300] if rng.random() < PROMPT_SHARE else ""
    author = rng.choice(cop.members) if cop else rng.choice(run.shared["tta_leaders"])
    return (
        pk, cop.id if cop else None, program, _pick(rng, KINDS), VOCABULARY.title(rng)[:200],
        VOCABULARY.sentence(rng, rng.randint(8, 40)) + ".", f"https://example.org/r/{pk}",
        "", "", "", 0, prompt, author, created, created, retired,
    )  # fmt: skip


def _seed_resources(run: ScaleRun) -> list[tuple]:
    rng = run.rng
    pk = next_id("toolkit_resource")
    rows = []
    for program in run.shared["programs"]:
        for _ in range(rng.randint(*PROGRAM_RESOURCES)):
            rows.append(_resource_row(run, pk, None, program))
            pk += 1
    for cop in run.shared["communities"]:
        if not cop.members:
            continue
        for _ in range(_pick(rng, COP_RESOURCES)):
            rows.append(_resource_row(run, pk, cop, None))
            pk += 1
    columns = (
        "id", "community_id", "program_id", "kind", "title", "description", "url", "file",
        "file_name", "file_type", "file_size", "prompt", "author_id", "created_at",
        "updated_at", "retired_at",
    )  # fmt: skip
    run.copy("toolkit_resource", columns, rows)
    return rows


def _seed_resource_tags(run: ScaleRun, resources: list[tuple], tags: list[int]) -> None:
    rng = run.rng
    first = next_id("toolkit_resource_tags")
    pairs = sorted(
        {(row[0], tag) for row in resources for tag in rng.sample(tags, rng.randint(0, 3))}
    )
    rows = ((first + n, resource, tag) for n, (resource, tag) in enumerate(pairs))
    run.copy("toolkit_resource_tags", ("id", "resource_id", "tag_id"), rows)


def _toolkits(run: ScaleRun, resources: list[tuple]) -> list[tuple[ScaleCommunity, list[int]]]:
    """Each CoP with the live resources its toolkit lists (its own and its program's)."""
    own, of_program = defaultdict(list), defaultdict(list)
    for row in resources:
        if row[RETIRED] is None:
            if row[COMMUNITY]:
                own[row[COMMUNITY]].append(row[PK])
            else:
                of_program[row[PROGRAM]].append(row[PK])
    return [
        (cop, own[cop.id] + of_program.get(cop.program_id, []))
        for cop in run.shared["communities"]
        if cop.members
    ]


def _seed_featured_and_figures(run: ScaleRun, resources: list[tuple]) -> None:
    rng = run.rng
    featured, tallies, uses = [], [], []
    used = set()  # (resource, member): one mark each, however many CoPs list the resource
    for cop, listed in _toolkits(run, resources):
        for pk in rng.sample(listed, min(len(listed), rng.randint(*FEATURED_PER_COP))):
            featured.append((cop.id, pk, cop.facilitator, run.now))
        for pk in listed:
            users = [m for m in cop.members if rng.random() < USE_SHARE and (pk, m) not in used]
            used.update((pk, user) for user in users)
            uses.extend((pk, cop.id, user, run.now) for user in users)
            views = rng.randint(0, 20 * len(cop.members) // 10 + 5)
            tallies.append((pk, cop.id, views, rng.randint(0, views), len(users)))
    first = next_id("toolkit_featuredresource")
    run.copy(
        "toolkit_featuredresource",
        ("id", "community_id", "resource_id", "featured_by_id", "featured_at"),
        ((first + n, *row) for n, row in enumerate(featured)),
    )
    first = next_id("toolkit_resourcetally")
    run.copy(
        "toolkit_resourcetally",
        ("id", "resource_id", "community_id", "views", "downloads", "uses"),
        ((first + n, *row) for n, row in enumerate(tallies)),
    )
    first = next_id("toolkit_resourceuse")
    run.copy(
        "toolkit_resourceuse",
        ("id", "resource_id", "community_id", "user_id", "created_at"),
        ((first + n, *row) for n, row in enumerate(uses)),
    )


def _seed_prompt_threads(run: ScaleRun, resources: list[tuple]) -> None:
    """A CoP resource with a prompt is discussed in one of its CoP's threads (each thread
    answers one prompt at most)."""
    free = defaultdict(list)
    for thread in run.shared.get("threads", []):
        free[thread.cop.id].append(thread.id)
    links = []
    for row in resources:
        community = row[COMMUNITY]
        if community and row[PROMPT] and free[community]:
            links.append((row[PK], community, free[community].pop()))
    first = next_id("toolkit_promptthread")
    run.copy(
        "toolkit_promptthread",
        ("id", "resource_id", "community_id", "thread_id"),
        ((first + n, *row) for n, row in enumerate(links)),
    )

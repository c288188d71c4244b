"""Scale discussions: threads, replies, helpful marks, follows and reports.

Busier CoPs hold more threads, and a thread's reply count is drawn around nine (many threads hold
exactly 20 replies, the page the bench measures). Each thread's replies are numbered and timed
before anything is written, so the thread row can name its accepted answer, reply count and last
activity without an UPDATE afterwards (an UPDATE would recompute every search vector).
"""

import datetime as dt
import itertools
import math
from dataclasses import dataclass

from communities.models import ReportStatus, ThreadKind
from communities.scale.communities import ScaleCommunity
from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY, markdown_and_html

THREADS_AT_FACTOR_ONE = 10_000
REPLIES_AT_FACTOR_ONE = 90_000
REPORTS_AT_FACTOR_ONE = 200
MOST_REPLIES = 300
KINDS = (
    (ThreadKind.QUESTION, 35),
    (ThreadKind.GENERAL, 30),
    (ThreadKind.CASE_STUDY, 12),
    (ThreadKind.BEST_PRACTICE, 12),
    (ThreadKind.ANNOUNCEMENT, 11),
)
REPORT_REASONS = ("Off topic", "Names a client", "Spam", "Rude to a colleague")


@dataclass
class PlannedThread:
    id: int
    cop: ScaleCommunity
    kind: str
    author: int
    created: dt.datetime
    span: dt.timedelta
    replies: int
    first_post: int

    def reply_time(self, number: int) -> dt.datetime:
        return self.created + self.span * (number + 1) / (self.replies + 1)

    @property
    def last_activity(self) -> dt.datetime:
        return self.reply_time(self.replies - 1) if self.replies else self.created


def seed_discussions(run: ScaleRun) -> None:
    plans = _plan_threads(run)
    reactions: list[tuple] = []
    reports: list[tuple] = []
    accepted = _seed_threads(run, plans)
    _seed_posts(run, plans, accepted, reactions, reports)
    run.copy("communities_reaction", ("created_at", "post_id", "user_id"), reactions)
    run.copy(
        "communities_threadfollow",
        ("thread_id", "user_id"),
        ((plan.id, plan.author) for plan in plans),
    )
    run.copy(
        "communities_report",
        ("reason", "status", "created_at", "resolved_at", "post_id", "reporter_id", "community_id"),
        reports,
    )
    run.shared["threads"] = plans


def _plan_threads(run: ScaleRun) -> list[PlannedThread]:
    rng = run.rng
    communities: list[ScaleCommunity] = run.shared["communities"]
    total = run.scaled(THREADS_AT_FACTOR_ONE)
    busy = list(itertools.accumulate(len(cop.members) ** 0.8 for cop in communities))
    homes = rng.choices(communities, cum_weights=busy, k=total)
    replies = _reply_counts(run, total)
    kinds, kind_weights = zip(*KINDS, strict=True)
    first_thread = next_id("communities_thread")
    next_post = next_id("communities_post")
    plans = []
    for number, (cop, count) in enumerate(zip(homes, replies, strict=True)):
        created = run.now - dt.timedelta(minutes=rng.randrange(60, 2 * 365 * 24 * 60))
        span = min(run.now - created, dt.timedelta(days=rng.randint(1, 30)))
        kind = rng.choices(kinds, weights=kind_weights)[0]
        plans.append(
            PlannedThread(
                first_thread + number,
                cop,
                kind,
                rng.choice(cop.members),
                created,
                span,
                count,
                next_post,
            )
        )
        next_post += count
    return plans


def _reply_counts(run: ScaleRun, threads: int) -> list[int]:
    """Geometric counts around the mean, nudged until they add up to the replies wanted."""
    rng = run.rng
    wanted = run.scaled(REPLIES_AT_FACTOR_ONE)
    keep = 1 - 1 / (wanted / threads + 1)
    counts = [
        min(MOST_REPLIES, int(math.log(1 - rng.random()) / math.log(keep))) for _ in range(threads)
    ]
    difference = wanted - sum(counts)
    while difference:
        index = rng.randrange(threads)
        step = 1 if difference > 0 else -1
        if 0 <= counts[index] + step <= MOST_REPLIES:
            counts[index] += step
            difference -= step
    return counts


def _seed_threads(run: ScaleRun, plans: list[PlannedThread]) -> set[int]:
    rng = run.rng
    accepted: set[int] = set()
    pinned: set[int] = set()

    def rows():
        for plan in plans:
            question = plan.kind == ThreadKind.QUESTION
            answer = None
            if question and plan.replies and rng.random() < 0.4:
                answer = plan.first_post + rng.randrange(plan.replies)
                accepted.add(answer)
            # Each CoP pins its first thread.
            is_pinned = plan.cop.id not in pinned
            pinned.add(plan.cop.id)
            until = None
            if plan.kind == ThreadKind.ANNOUNCEMENT:
                until = plan.created + dt.timedelta(days=rng.choice((7, 30, 900)))
            body, html = markdown_and_html(VOCABULARY.paragraphs(rng, rng.randint(30, 120)))
            hidden = rng.random() < 0.005
            yield (
                plan.id, plan.kind, VOCABULARY.title(rng, question=question), body, html,
                plan.created, None, plan.last_activity, plan.replies, is_pinned,
                rng.random() < 0.01, hidden, "Off topic" if hidden else "", until, answer,
                plan.author, plan.cop.id,
                plan.last_activity + dt.timedelta(days=1) if rng.random() < 0.02 else None,
            )  # fmt: skip

    run.copy(
        "communities_thread",
        [
            "id",
            "kind",
            "title",
            "body",
            "body_html",
            "created_at",
            "edited_at",
            "last_activity_at",
            "reply_count",
            "is_pinned",
            "is_locked",
            "is_hidden",
            "hidden_reason",
            "announcement_until",
            "accepted_answer_id",
            "author_id",
            "community_id",
            "archived_at",
        ],
        rows(),
    )
    return accepted


def _seed_posts(run, plans, accepted, reactions: list[tuple], reports: list[tuple]) -> None:
    rng = run.rng
    report_chance = run.scaled(REPORTS_AT_FACTOR_ONE) / max(1, run.scaled(REPLIES_AT_FACTOR_ONE))

    def rows():
        for plan in plans:
            members = plan.cop.members
            for number in range(plan.replies):
                post = plan.first_post + number
                author = rng.choice(members)
                when = plan.reply_time(number)
                helpful = _reactors(rng, members, author, boost=post in accepted)
                reactions.extend((when, post, person) for person in helpful)
                if rng.random() < report_chance:
                    reports.append((*_report(rng, members, post, author, when), plan.cop.id))
                deleted = rng.random() < 0.01
                body, html = ("", "") if deleted else _reply_text(rng)
                hidden = not deleted and rng.random() < 0.005
                yield (
                    post, body, html, when, None, when if deleted else None, hidden,
                    "Off topic" if hidden else "", len(helpful), author, plan.id,
                )  # fmt: skip

    run.copy(
        "communities_post",
        [
            "id",
            "body",
            "body_html",
            "created_at",
            "edited_at",
            "deleted_at",
            "is_hidden",
            "hidden_reason",
            "helpful_count",
            "author_id",
            "thread_id",
        ],
        rows(),
    )


def _reply_text(rng) -> tuple[str, str]:
    return markdown_and_html(VOCABULARY.paragraphs(rng, rng.randint(10, 60)))


def _reactors(rng, members: list[int], author: int, *, boost: bool) -> set[int]:
    """Who found a reply helpful: nobody for most replies, several for accepted answers."""
    if not boost and rng.random() > 0.2:
        return set()
    wanted = min(len(members) - 1, 1 + int(rng.expovariate(1 / (4 if boost else 1.5))))
    people = {rng.choice(members) for _ in range(wanted)}
    people.discard(author)
    return people


def _report(rng, members: list[int], post: int, author: int, when: dt.datetime) -> tuple:
    reporter = rng.choice(members)
    status = ReportStatus.OPEN if reporter != author and rng.random() < 0.7 else "dismissed"
    resolved = None if status == ReportStatus.OPEN else when + dt.timedelta(hours=5)
    return (rng.choice(REPORT_REASONS), status, when, resolved, post, reporter)

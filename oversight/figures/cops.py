"""The figures read straight off each CoP's own rows: members, action items, unanswered
questions, and its check-in plan. One query for the whole chunk: each figure is a correlated
subquery on the CoP row (an index lookup each), not a join that would multiply the rows."""

from django.db.models import Exists, OuterRef, Subquery

from communities.models import Community, Membership, Post, Thread, ThreadKind
from communities.selectors import count_of
from meetings.models import ActionItem
from meetings.models.follow_up import OPEN_STATUSES
from oversight.figures.window import Window
from oversight.models import CheckIn, CheckInPlan

CHECKIN_FIELDS = (
    "last_checkin_on",
    "last_checkin_status",
    "next_checkin_due_on",
    "checkin_cadence_days",
)


def _actions(window: Window) -> dict:
    still_open = ActionItem.objects.filter(community=OuterRef("pk"), status__in=OPEN_STATUSES)
    return {
        "open_action_items": count_of(still_open),
        "overdue_action_items": count_of(still_open.filter(due_date__lt=window.today)),
    }


def _unanswered(window: Window) -> dict:
    reply = Post.objects.filter(thread=OuterRef("pk"), deleted_at__isnull=True)
    waiting = Thread.objects.filter(
        community=OuterRef("pk"),
        kind=ThreadKind.QUESTION,
        is_hidden=False,
        archived_at__isnull=True,
        created_at__lte=window.unanswered_before,
    ).exclude(Exists(reply))
    return {"unanswered_questions": count_of(waiting)}


def _checkins() -> dict:
    last = CheckIn.objects.filter(community=OuterRef("pk")).order_by("-held_on", "-pk")
    plan = CheckInPlan.objects.filter(community=OuterRef("pk"))
    return {
        "last_checkin_on": Subquery(last.values("held_on")[:1]),
        "last_checkin_status": Subquery(last.values("status")[:1]),
        "next_checkin_due_on": Subquery(plan.values("next_due_on")[:1]),
        "checkin_cadence_days": Subquery(plan.values("cadence_days")[:1]),
    }


def cop_figures(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: its figures, plus `created_at` and `program_id`} for the chunk's CoPs."""
    counted = {
        "members": count_of(Membership.objects.filter(community=OuterRef("pk"))),
        **_actions(window),
        **_unanswered(window),
        **_checkins(),
    }
    # Prefixed: a figure named like one of the CoP's relations (`checkins`, `health`) would
    # clash with it.
    rows = (
        Community.objects.filter(pk__in=ids)
        .order_by()  # no sort by name: the rows go into a dict
        .annotate(**{f"figure_{name}": value for name, value in counted.items()})
        .values("pk", "created_at", "program_id", *(f"figure_{name}" for name in counted))
    )
    figures = {}
    for row in rows:
        values = {name.removeprefix("figure_"): value for name, value in row.items()}
        if values["program_id"] is None:
            # Check-ins belong to a program: a stand-alone CoP (or one that left its program)
            # has none to show or to be late with.
            values |= dict.fromkeys(CHECKIN_FIELDS)
        values["last_checkin_status"] = values["last_checkin_status"] or ""
        figures[values.pop("pk")] = values
    return figures

"""The health rules: one table, read by the worker that flags each CoP and by the dashboard
that explains them (SPEC §6, issue 14).

A CoP is *at risk* when any at-risk rule matches, *watch* when a watch rule does, and
*healthy* otherwise. Each rule says, in words, why it matched, from the figures it read, so
the page can tell a TTA leader what to look at rather than only a colour.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from oversight.models import CheckInStatus, CommunityHealth, HealthFlag

SILENT_DAYS = 30
LOW_ATTENDANCE = 0.5
MOST_OVERDUE_ACTIONS = 3
UNANSWERED_DAYS = 14


@dataclass(frozen=True)
class HealthRule:
    code: str
    flag: HealthFlag
    # What the rule checks, in the words the dashboard's definitions table shows.
    definition: str
    matches: Callable[[CommunityHealth, dt.date], bool]
    # Why it matched this CoP, from its figures.
    says: Callable[[CommunityHealth, dt.date], str]


def _checkin_said(status: str) -> Callable[[CommunityHealth, dt.date], bool]:
    return lambda figures, today: figures.last_checkin_status == status


def _said_at_risk(figures: CommunityHealth, today: dt.date) -> str:
    day = formats.date_format(figures.last_checkin_on, "j M Y")
    return _("The last check-in (%(day)s) said the CoP is at risk.") % {"day": day}


def _said_needs_support(figures: CommunityHealth, today: dt.date) -> str:
    day = formats.date_format(figures.last_checkin_on, "j M Y")
    return _("The last check-in (%(day)s) said the CoP needs support.") % {"day": day}


def _silent_days(figures: CommunityHealth, today: dt.date) -> int:
    if figures.last_activity_at is None:
        return 0
    return (today - figures.last_activity_at.date()).days


def _is_silent(figures: CommunityHealth, today: dt.date) -> bool:
    return _silent_days(figures, today) >= SILENT_DAYS


def _says_silent(figures: CommunityHealth, today: dt.date) -> str:
    days = _silent_days(figures, today)
    return ngettext(
        "Nothing has happened for %(days)d day.", "Nothing has happened for %(days)d days.", days
    ) % {"days": days}


def _checkin_days_overdue(figures: CommunityHealth, today: dt.date) -> int:
    if figures.next_checkin_due_on is None:
        return 0
    return (today - figures.next_checkin_due_on).days


def _checkin_long_overdue(figures: CommunityHealth, today: dt.date) -> bool:
    cadence = figures.checkin_cadence_days
    return cadence is not None and _checkin_days_overdue(figures, today) > cadence


def _says_checkin_overdue(figures: CommunityHealth, today: dt.date) -> str:
    day = formats.date_format(figures.next_checkin_due_on, "j M Y")
    days = _checkin_days_overdue(figures, today)
    return ngettext(
        "The check-in due %(day)s is %(days)d day overdue, more than its cadence.",
        "The check-in due %(day)s is %(days)d days overdue, more than its cadence.",
        days,
    ) % {"day": day, "days": days}


def _attendance_low(figures: CommunityHealth, today: dt.date) -> bool:
    return figures.attendance_rate is not None and figures.attendance_rate < LOW_ATTENDANCE


def _says_attendance(figures: CommunityHealth, today: dt.date) -> str:
    return _("Attendance was %(rate)d%% over the last 90 days.") % {
        "rate": round(figures.attendance_rate * 100)
    }


def _many_overdue(figures: CommunityHealth, today: dt.date) -> bool:
    return figures.overdue_action_items > MOST_OVERDUE_ACTIONS


def _says_overdue(figures: CommunityHealth, today: dt.date) -> str:
    count = figures.overdue_action_items
    return ngettext(
        "%(count)d action item is overdue.", "%(count)d action items are overdue.", count
    ) % {"count": count}


def _questions_waiting(figures: CommunityHealth, today: dt.date) -> bool:
    return figures.unanswered_questions > 0


def _says_questions(figures: CommunityHealth, today: dt.date) -> str:
    count = figures.unanswered_questions
    return ngettext(
        "%(count)d question has had no reply for 14 days.",
        "%(count)d questions have had no reply for 14 days.",
        count,
    ) % {"count": count}


RULES: tuple[HealthRule, ...] = (
    HealthRule(
        "checkin_at_risk",
        HealthFlag.AT_RISK,
        _("The last check-in said at risk."),
        _checkin_said(CheckInStatus.AT_RISK),
        _said_at_risk,
    ),
    HealthRule(
        "silent",
        HealthFlag.AT_RISK,
        _("Nothing happened for 30 days: no post, reply, reaction, RSVP, attendance or answer."),
        _is_silent,
        _says_silent,
    ),
    HealthRule(
        "checkin_overdue",
        HealthFlag.AT_RISK,
        _("A check-in is more than a cadence overdue."),
        _checkin_long_overdue,
        _says_checkin_overdue,
    ),
    HealthRule(
        "checkin_needs_support",
        HealthFlag.WATCH,
        _("The last check-in said needs support."),
        _checkin_said(CheckInStatus.NEEDS_SUPPORT),
        _said_needs_support,
    ),
    HealthRule(
        "low_attendance",
        HealthFlag.WATCH,
        _("Attendance is under 50% over the last 90 days."),
        _attendance_low,
        _says_attendance,
    ),
    HealthRule(
        "overdue_actions",
        HealthFlag.WATCH,
        _("More than three action items are overdue."),
        _many_overdue,
        _says_overdue,
    ),
    HealthRule(
        "unanswered_question",
        HealthFlag.WATCH,
        _("A question thread has had no reply for 14 days."),
        _questions_waiting,
        _says_questions,
    ),
)
RULES_BY_CODE = {rule.code: rule for rule in RULES}


def assess(figures: CommunityHealth, today: dt.date) -> tuple[HealthFlag, list[str]]:
    """The flag and the codes of every rule that matched, worst first."""
    matched = [rule for rule in RULES if rule.matches(figures, today)]
    if not matched:
        return HealthFlag.HEALTHY, []
    worst = min(rule.flag for rule in matched)  # the stored values sort worst first
    return HealthFlag(worst), [rule.code for rule in matched]


def reasons_in_words(figures: CommunityHealth, today: dt.date) -> list[str]:
    """Why the CoP has its flag, one sentence a matched rule; a code no longer in the table
    (a rule renamed since the figures were computed) is skipped until the next refresh."""
    return [
        RULES_BY_CODE[code].says(figures, today)
        for code in figures.reasons
        if code in RULES_BY_CODE
    ]

"""The dashboards tell a TTA leader why a CoP has its flag, in words carrying its figures."""

import datetime as dt

import pytest

from oversight.health import RULES, assess, reasons_in_words
from oversight.models import CommunityHealth, HealthFlag

TODAY = dt.date(2026, 11, 27)


def _figures(**fields) -> CommunityHealth:
    quiet = {"last_activity_at": dt.datetime(2026, 11, 26, tzinfo=dt.UTC)}
    return CommunityHealth(**(quiet | fields))


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (
            {"last_checkin_status": "at_risk", "last_checkin_on": dt.date(2026, 11, 2)},
            "The last check-in (2 Nov 2026) said the CoP is at risk.",
        ),
        (
            {"last_activity_at": dt.datetime(2026, 10, 20, 12, tzinfo=dt.UTC)},
            "Nothing has happened for 38 days.",
        ),
        (
            {"next_checkin_due_on": dt.date(2026, 11, 1), "checkin_cadence_days": 14},
            "The check-in due 1 Nov 2026 is 26 days overdue, more than its cadence.",
        ),
        (
            {"last_checkin_status": "needs_support", "last_checkin_on": dt.date(2026, 11, 20)},
            "The last check-in (20 Nov 2026) said the CoP needs support.",
        ),
        ({"attendance_rate": 0.375}, "Attendance was 38% over the last 90 days."),
        ({"overdue_action_items": 4}, "4 action items are overdue."),
        ({"unanswered_questions": 1}, "1 question has had no reply for 14 days."),
    ],
)
def test_each_rule_says_why_in_words_with_its_figures(fields, words):
    figures = _figures(**fields)
    figures.flag, figures.reasons = assess(figures, TODAY)

    assert reasons_in_words(figures, TODAY) == [words]


def test_every_rule_has_words_and_a_definition():
    assert len({rule.code for rule in RULES}) == len(RULES) == 7
    assert all(str(rule.definition) for rule in RULES)


def test_a_healthy_cop_has_no_reason_and_a_code_gone_from_the_table_is_skipped():
    figures = _figures()
    assert assess(figures, TODAY) == (HealthFlag.HEALTHY, [])

    figures.reasons = ["a_rule_renamed_since", "overdue_actions"]
    figures.overdue_action_items = 5
    assert reasons_in_words(figures, TODAY) == ["5 action items are overdue."]

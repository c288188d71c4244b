"""Demo pings: one open with choices and answers, one closed in free text (SPEC §10)."""

import datetime as dt

from django.utils import timezone

from communities.discussions.models import AnswerVisibility, Ping, PingAnswer
from communities.models import Community, User

# slug → pings. `days_ago` dates the ping, `closes_in_days` its deadline (negative: already
# closed); each answer is (email, choice, text) and comes a few hours after the ping.
DEMO_PINGS = {
    "recovery-leaders": [
        {
            "author": "facilitator@example.org",
            "question": "Which day suits the next meeting?",
            "choices": ["Tuesday", "Thursday", "Friday"],
            "days_ago": 1,
            "closes_in_days": 7,
            "answers_visible_to": AnswerVisibility.ALL,
            "answers": [
                ("member@example.org", "Thursday", ""),
                ("manager@example.org", "Tuesday", "Thursday works too if most prefer it."),
            ],
        },
        {
            "author": "facilitator@example.org",
            "question": "What is the one staffing question you want the group to work on next?",
            "choices": [],
            "days_ago": 10,
            "closes_in_days": -3,
            "answers_visible_to": AnswerVisibility.LEADERS,
            "answers": [
                (
                    "member@example.org",
                    "",
                    "How to keep peer positions once a grant ends: we lose good people "
                    "every time funding changes.",
                ),
            ],
        },
    ],
}


def seed_pings(by_slug: dict[str, Community], by_email: dict[str, User]) -> None:
    """Pings and their answers, written straight to the models: send_ping() would email every
    member, and a demo seed must send nothing."""
    for slug, pings in DEMO_PINGS.items():
        for spec in pings:
            _seed_ping(by_slug[slug], spec, by_email)


def _seed_ping(community: Community, spec: dict, by_email: dict[str, User]) -> None:
    now = timezone.now()
    created = now - dt.timedelta(days=spec["days_ago"])
    # Keyed on the question, and get_or_create: a re-run leaves the dates (and so whether
    # the ping is still open) as the first run set them.
    ping, _created = Ping.objects.get_or_create(
        community=community,
        question=spec["question"],
        defaults={
            "author": by_email[spec["author"]],
            "choices": spec["choices"],
            "closes_at": now + dt.timedelta(days=spec["closes_in_days"]),
            "answers_visible_to": spec["answers_visible_to"],
            "created_at": created,
        },
    )
    for number, (email, choice, text) in enumerate(spec["answers"], start=1):
        PingAnswer.objects.get_or_create(
            ping=ping,
            user=by_email[email],
            defaults={
                "choice": choice,
                "text": text,
                "answered_at": ping.created_at + dt.timedelta(hours=3 * number),
            },
        )

"""Scale pings: two a CoP, a third of the members answering each."""

import datetime as dt
import json

from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY

PINGS_PER_COMMUNITY = 2
ANSWER_SHARE = 0.3
CHOICES = ["Yes", "Not yet", "No"]


def seed_pings(run: ScaleRun) -> None:
    rng = run.rng
    first = next_id("communities_ping")
    pings = []
    answers = []
    for cop in run.shared["communities"]:
        for number in range(PINGS_PER_COMMUNITY):
            pk = first + len(pings)
            asked = run.now - dt.timedelta(days=rng.randint(1, 60))
            multiple_choice = number % 2 == 0
            closes = asked + dt.timedelta(days=14)
            choices = json.dumps(CHOICES if multiple_choice else [])
            question = VOCABULARY.title(rng, question=True)
            pings.append((pk, question, choices, closes, "all", asked, cop.facilitator, cop.id))
            answering = rng.sample(cop.members, round(len(cop.members) * ANSWER_SHARE))
            for person in answering:
                choice = rng.choice(CHOICES) if multiple_choice else ""
                text = "" if multiple_choice else VOCABULARY.sentence(rng, rng.randint(4, 20))
                answers.append(
                    (choice, text, asked + dt.timedelta(hours=rng.randint(1, 300)), pk, person)
                )
    run.copy(
        "communities_ping",
        [
            "id",
            "question",
            "choices",
            "closes_at",
            "answers_visible_to",
            "created_at",
            "author_id",
            "community_id",
        ],
        pings,
    )
    run.copy(
        "communities_pinganswer", ("choice", "text", "answered_at", "ping_id", "user_id"), answers
    )

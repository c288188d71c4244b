"""Text for scale data: words drawn from a Zipf-like vocabulary, so common words are common.

Real posts spend about half their words on stop words and a few dozen domain words; the rest is a
long tail each word of which is rare. Word number r (from 1) is drawn with weight 1/r, which gives
search what it meets in practice: a common pair ("peer supervision") that matches a good share of
all posts, and a rare pair that matches a handful. The bench queries both (COMMON_PAIRS,
RARE_PAIRS).
"""

import itertools
import random
from functools import cached_property

STOP_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "with",
    "was",
    "on",
    "be",
    "by",
    "this",
    "are",
    "or",
    "at",
    "from",
    "have",
    "an",
    "but",
    "not",
    "we",
    "they",
    "which",
    "you",
    "one",
    "all",
    "were",
    "can",
    "there",
    "their",
    "has",
    "more",
    "when",
    "will",
    "been",
    "would",
    "what",
    "so",
    "if",
    "about",
    "who",
    "our",
]

# Ranked right after the stop words: the community's everyday words.
DOMAIN_WORDS = [
    "peer",
    "support",
    "supervision",
    "coaching",
    "practice",
    "team",
    "family",
    "program",
    "staff",
    "training",
    "recovery",
    "community",
    "session",
    "plan",
    "care",
    "service",
    "youth",
    "health",
    "school",
    "data",
    "meeting",
    "feedback",
    "goal",
    "outcome",
    "group",
    "parent",
    "model",
    "case",
    "worker",
    "skill",
    "client",
    "grant",
    "policy",
    "budget",
    "county",
    "state",
    "trauma",
    "referral",
    "mentor",
    "learning",
    "question",
    "resource",
    "evaluation",
    "outreach",
    "housing",
    "partnership",
    "leadership",
    "volunteer",
    "workshop",
    "curriculum",
    "funding",
    "wellness",
    "crisis",
    "screening",
    "intake",
    "retention",
    "caseworker",
    "engagement",
    "counselor",
]

FRONT_DOMAIN_WORDS = 6
FRONT_RANK = 7
FRONT_STEP = 4

# Deep in the tail: each alone is rare, and a pair of them is rarer still.
TAIL_WORDS = [
    "telehealth",
    "naloxone",
    "fidelity",
    "stipend",
    "credentialing",
    "reciprocity",
    "debriefing",
    "caseload",
    "practicum",
    "apprenticeship",
    "accreditation",
    "onboarding",
]
TAIL_START_RANK = 600
TAIL_STEP = 25

COMMON_PAIRS = (
    ("peer", "supervision"),
    ("coaching", "practice"),
    ("family", "support"),
    ("staff", "training"),
    ("youth", "program"),
    ("team", "feedback"),
)
RARE_PAIRS = (
    ("telehealth", "naloxone"),
    ("fidelity", "stipend"),
    ("credentialing", "reciprocity"),
    ("debriefing", "caseload"),
    ("practicum", "apprenticeship"),
    ("accreditation", "onboarding"),
)

VOCABULARY_SIZE = 6_000
_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cr",
    "dr",
    "fl",
    "gr",
    "pl",
    "st",
    "tr",
]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "io"]


def _made_up_words() -> list[str]:
    """Pronounceable tail words (`bralo`, `stiveu`), the same list on every run."""
    syllables = [onset + nucleus for onset, nucleus in itertools.product(_ONSETS, _NUCLEI)]
    words = [a + b for a, b in itertools.product(syllables, syllables)]
    random.Random(7).shuffle(words)  # noqa: S311 (a fixed order, not a secret)
    return words


class Vocabulary:
    def __init__(self, size: int = VOCABULARY_SIZE) -> None:
        words = STOP_WORDS + DOMAIN_WORDS[FRONT_DOMAIN_WORDS:]
        # The first domain words sit among the stop words, so "peer supervision" is a pair
        # that about a tenth of all posts contain: search's worst case.
        for number, word in enumerate(DOMAIN_WORDS[:FRONT_DOMAIN_WORDS]):
            words.insert(FRONT_RANK + number * FRONT_STEP, word)
        known = set(words) | set(TAIL_WORDS)
        filler = (word for word in _made_up_words() if word not in known)
        while len(words) < size:
            words.append(next(filler))
        for number, word in enumerate(TAIL_WORDS):
            words[TAIL_START_RANK + number * TAIL_STEP] = word
        self.words = words
        self.cum_weights = list(itertools.accumulate(1 / rank for rank in range(1, size + 1)))

    @cached_property
    def content_words(self) -> list[str]:
        return [word for word in self.words if word not in STOP_WORDS]

    def words_for(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def sentence(self, rng: random.Random, count: int) -> str:
        words = self.words_for(rng, count)
        return " ".join(words).capitalize()

    def title(self, rng: random.Random, *, question: bool = False) -> str:
        text = self.sentence(rng, rng.randint(4, 9))
        return text + ("?" if question else "")

    def paragraphs(self, rng: random.Random, words: int) -> list[str]:
        """About `words` words as paragraphs of 1 to 4 sentences of 6 to 16 words."""
        paragraphs: list[str] = []
        while words > 0:
            sentences = []
            for _ in range(rng.randint(1, 4)):
                length = min(words, rng.randint(6, 16))
                if length <= 0:
                    break
                sentences.append(self.sentence(rng, length) + ".")
                words -= length
            paragraphs.append(" ".join(sentences))
        return paragraphs


def markdown_and_html(paragraphs: list[str]) -> tuple[str, str]:
    """The Markdown a member would write and the HTML the renderer makes of it (plain words need
    no escaping, so the seeder skips the renderer, which would take most of the run)."""
    return "\n\n".join(paragraphs), "\n".join(f"<p>{text}</p>" for text in paragraphs)


VOCABULARY = Vocabulary()

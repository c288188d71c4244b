"""Site search: each app registers a provider, and the search page merges their hits by rank.

A provider is `provider(*, viewer, query) -> Ranking`. It applies its own kind's visibility
(SPEC §1: a program's TTA leaders find a CoP's meetings and charter, not its threads), so a
private CoP's content never reaches a non-member — not even as a count. Apps register their
provider in `AppConfig.ready()`; this module imports no app, so a later app plugs in from its own
folder.

Ranking and showing are two steps, because a common pair of words matches tens of thousands of
rows: a provider first ranks only `(key, rank)` pairs, and the page merges them, paginates them,
and asks each provider to load — row, title, snippet — only the hits of the page shown
(`Results`). A provider whose hits are cheap may still return a plain `list[Hit]`.

Every provider searches PostgreSQL's full text with the same configuration and ranks with
`ts_rank`, so ranks from different providers compare. Snippets come from `ts_headline` with
START/STOP markers that `highlighted()` turns into `<mark>` after escaping the text.
"""

from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Literal, so generated search vectors are immutable expressions PostgreSQL can store.
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
# Characters no stored text contains (control characters are stripped on input): they mark the
# highlight in a snippet until the snippet has been escaped.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    kind: str  # "thread", "reply", "meeting"…
    label: str  # the kind as the page shows it, translated by its provider
    title: str
    snippet: SafeString
    url: str
    community: str
    rank: float


@dataclass(frozen=True)
class Ranked:
    """A match before it is shown: what its provider needs to load it, and its rank."""

    key: Hashable
    rank: float


@dataclass(frozen=True)
class Ranking:
    """A provider's best matches, best first, and how to load the hits of some of them."""

    ranked: list[Ranked]
    # The hits of the keys given, by key; a key whose row went away since it was ranked is left
    # out (the page then shows one hit fewer rather than failing).
    load: Callable[[list[Hashable]], dict[Hashable, Hit]]
    # True when the provider ranked only some of what matches (its newest candidates), so the
    # page can say so and suggest narrower words.
    limited: bool = False

    def hits(self) -> list[Hit]:
        """Every ranked hit, loaded, best first: for small answers and tests, not for a page."""
        loaded = self.load([match.key for match in self.ranked])
        return [loaded[match.key] for match in self.ranked if match.key in loaded]

    @classmethod
    def of_hits(cls, hits: list[Hit]) -> "Ranking":
        by_key = dict(enumerate(hits))
        return cls(
            ranked=[Ranked(key, hit.rank) for key, hit in by_key.items()],
            load=lambda keys: {key: by_key[key] for key in keys},
        )


class SearchProvider(Protocol):
    def __call__(self, *, viewer, query: str) -> Ranking | list[Hit]: ...


_PROVIDERS: dict[str, SearchProvider] = {}


def register_search_provider(name: str, provider: SearchProvider) -> SearchProvider:
    # Registering the same provider again is harmless (ready() may run twice); another one under
    # a taken name would silently hide the first.
    if name in _PROVIDERS and _PROVIDERS[name] is not provider:
        raise ValueError(f"Search provider {name!r} is already registered differently")
    _PROVIDERS[name] = provider
    return provider


def unregister_search_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


@contextmanager
def search_provider(name: str, provider: SearchProvider) -> Iterator[SearchProvider]:
    """Register a provider for the duration of a block (tests, mostly)."""
    register_search_provider(name, provider)
    try:
        yield provider
    finally:
        unregister_search_provider(name)


@dataclass
class Results(Sequence):
    """Every provider's ranked matches merged by rank; slicing it loads only the hits sliced.

    The Paginator counts it with `len()` and slices out one page, so a page of twenty hits costs
    each provider one query for its rows and snippets, however many matches were ranked."""

    _entries: list[tuple[Ranked, Ranking]] = field(default_factory=list)
    limited: bool = False

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self._entries[index])
        return self._load([self._entries[index]])[0]

    @staticmethod
    def _load(entries: list[tuple[Ranked, Ranking]]) -> list[Hit]:
        keys_by_ranking: dict[int, list[Hashable]] = {}
        rankings = {}
        for ranked, ranking in entries:
            keys_by_ranking.setdefault(id(ranking), []).append(ranked.key)
            rankings[id(ranking)] = ranking
        loaded = {
            (number, key): hit
            for number, keys in keys_by_ranking.items()
            for key, hit in rankings[number].load(keys).items()
        }
        found = ((id(ranking), ranked.key) for ranked, ranking in entries)
        return [loaded[found_key] for found_key in found if found_key in loaded]


def search_everything(*, viewer, query: str) -> Results:
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return Results()
    rankings = []
    for provider in list(_PROVIDERS.values()):
        answer = provider(viewer=viewer, query=query)
        rankings.append(answer if isinstance(answer, Ranking) else Ranking.of_hits(answer))
    entries = [(ranked, ranking) for ranking in rankings for ranked in ranking.ranked]
    # Stable: equal ranks keep each provider's own order.
    entries.sort(key=lambda entry: -entry[0].rank)
    return Results(entries, limited=any(ranking.limited for ranking in rankings))


def web_query(query: str) -> SearchQuery:
    """What people type (quotes, `or`, `-word`), never a syntax error."""
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def headline(field: str, search: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        field, search, config=SEARCH_CONFIG, start_sel=START, stop_sel=STOP, max_words=35
    )


def highlighted(snippet: str) -> SafeString:
    escaped = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 - user text escaped above; only <mark> added

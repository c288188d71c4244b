"""Site search: each app registers a provider, and the search page merges their hits by rank.

A provider is `provider(*, viewer, query) -> list[Hit]`. It applies its own kind's visibility
(SPEC §1: a program's TTA leaders find a CoP's meetings and charter, not its threads), so a
private CoP's content never reaches a non-member — not even as a count. Apps register their
provider in `AppConfig.ready()`; this module imports no app, so a later app plugs in from its own
folder.

Every provider searches PostgreSQL's full text with the same configuration and ranks with
`ts_rank`, so ranks from different providers compare. Snippets come from `ts_headline` with
START/STOP markers that `highlighted()` turns into `<mark>` after escaping the text.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


class SearchProvider(Protocol):
    def __call__(self, *, viewer, query: str) -> list[Hit]: ...


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


def search_everything(*, viewer, query: str) -> list[Hit]:
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return []
    hits = [
        hit
        for provider in list(_PROVIDERS.values())
        for hit in provider(viewer=viewer, query=query)
    ]
    return sorted(hits, key=lambda hit: -hit.rank)


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

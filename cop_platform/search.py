"""Site search: merges what each app's search finds for the viewer (STYLE.md).

Resources and meetings join with their issues, each with its own `search_*()`.
"""

from communities.discussions.search import Hit, search_discussions


def search_everything(*, viewer, query: str) -> list[Hit]:
    hits = search_discussions(viewer=viewer, query=query)
    return sorted(hits, key=lambda hit: -hit.rank)

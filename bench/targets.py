"""Logs seeded people in and writes, per page, the URLs wrk rotates over; counts each page's
queries with the test client. Run by bench/run.py with the bench's environment (the same
SECRET_KEY as the server, so the sessions made here are valid there).

    python bench/targets.py OUTDIR [page …]     (no pages: every page)

Writes OUTDIR/<page>.targets ("path<TAB>Cookie header" lines) and OUTDIR/queries.json.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# How many of a page's URLs are fetched once with the test client, to be sure they answer 200
# (a redirect to the login page would be fast and measure nothing).
CHECKED_PER_PAGE = 3


def log_in(user_ids: set[int]) -> dict[int, str]:
    """A real session for each person, made as the login view makes it."""
    from django.conf import settings
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from communities.models import User

    cookies = {}
    for user in User.objects.filter(pk__in=user_ids):
        request = RequestFactory().get("/")
        request.session = SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()
        cookies[user.pk] = f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"
    return cookies


def count_queries(path: str, cookie: str) -> tuple[int, int]:
    """(status, queries) of the second request, when per-process caches are warm."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def main(outdir: Path, pages: list[str]) -> None:
    import django

    django.setup()
    from bench.pages import PAGES

    unknown = set(pages) - set(PAGES)
    if unknown:
        raise SystemExit(f"Unknown pages: {', '.join(sorted(unknown))}. Known: {', '.join(PAGES)}")
    # The bare page always runs: every other page is measured against it.
    pages = ["bare", *[page for page in (pages or PAGES) if page != "bare"]]
    targets = {page: PAGES[page]() for page in pages}
    cookies = log_in({person for rows in targets.values() for _path, person in rows})
    queries: dict[str, int | None] = {}
    for page, rows in targets.items():
        if not rows:
            print(f"  {page}: nothing to measure in this database", flush=True)
            queries[page] = None
            continue
        lines = [f"{path}\t{cookies[person]}\n" for path, person in rows]
        (outdir / f"{page}.targets").write_text("".join(lines))
        checked = [count_queries(path, cookies[person]) for path, person in rows[:CHECKED_PER_PAGE]]
        bad = [status for status, _count in checked if status != 200]
        if bad:
            raise SystemExit(f"{page}: {rows[0][0]} answered {bad[0]}, not 200")
        queries[page] = checked[0][1]
        print(f"  {page}: {len(rows)} URLs, {queries[page]} queries", flush=True)
    (outdir / "queries.json").write_text(json.dumps(queries))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])

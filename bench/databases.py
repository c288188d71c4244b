"""The seeded bench databases, `cop_bench_x1` and `cop_bench_x10`: built once, reused after.

A database carries, as its COMMENT, a hash of the scale seeders' code. When that hash differs
from the checkout's (a seeder changed), the database is dropped and seeded again; otherwise the
bench reuses it and migrates it forward, as a production database would be: a later issue's index
or column costs a `migrate` of seconds, not a reseed of minutes. A migration rewritten in place
(not added) is not noticed: drop the database (`dropdb cop_bench_x10`) to rebuild it.
"""

import contextlib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://cop_platform:cop_platform@127.0.0.1:5432"
)
COMMENT_PREFIX = "cop-bench data "
# What the data is made from: the code that seeds it (the schema follows by `migrate`).
HASHED = (
    "cop_platform/scale.py",
    "cop_platform/scale_text.py",
    "*/scale/*.py",
    # An app's seeder in one module (meetings/scale.py), as well as in a package.
    "*/scale.py",
    # And a second seeder of an app beside its first (toolkit/knowledge_scale.py).
    "*/*_scale.py",
)


def database_name(factor: float) -> str:
    return f"cop_bench_x{factor:g}".replace(".", "_")


def database_url(factor: float) -> str:
    return f"{SERVER_URL}/{database_name(factor)}"


def data_hash(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    files = sorted({path for pattern in HASHED for path in root.glob(pattern)})
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _admin_cursor():
    """A cursor on the server's `postgres` database in autocommit, closed after use. Never
    `with connection:`: psycopg2 opens a transaction there even in autocommit mode, and CREATE
    and DROP DATABASE refuse to run in one."""
    connection = psycopg2.connect(f"{SERVER_URL}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def stored_hash(name: str) -> str | None:
    with _admin_cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        )
        row = cursor.fetchone()
    if row is None or not (row[0] or "").startswith(COMMENT_PREFIX):
        return None
    return row[0].removeprefix(COMMENT_PREFIX)


def ensure_database(factor: float, environment: dict[str, str]) -> None:
    """Reuse the database of `factor` if its data matches the checkout; else build it anew."""
    name = database_name(factor)
    wanted = data_hash()
    env = {**environment, "DATABASE_URL": database_url(factor)}
    manage = [sys.executable, str(ROOT / "manage.py")]
    if stored_hash(name) == wanted:
        print(f"{name}: reused (data {wanted}); migrating forward", flush=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
        analyzed = analyze_tables_without_statistics(database_url(factor))
        if analyzed:
            print(f"{name}: analysed {', '.join(analyzed)}", flush=True)
        return
    print(f"{name}: building (data {wanted}); factor 10 takes several minutes", flush=True)
    with _admin_cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*manage, "seed_scale", "--factor", f"{factor:g}", "--yes-really"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    # Stamped last: a build cut short leaves no stamp and is built again next time.
    with _admin_cursor() as cursor:
        cursor.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(COMMENT_PREFIX + wanted)
            )
        )


# Tables of the public schema that PostgreSQL holds no statistics for (pg_stats, not
# pg_statistic: the bench's owner need not be a superuser).
_UNANALYSED = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND NOT EXISTS (
        SELECT 1 FROM pg_stats s WHERE s.schemaname = 'public' AND s.tablename = c.relname
      )
    ORDER BY c.relname
"""


def analyze_tables_without_statistics(url: str) -> list[str]:
    """ANALYZE the tables of `url` that have no statistics; returns their names.

    A production server's autovacuum analyses a table soon after it fills; the bench's server
    may run without it, and a table a migration backfills or triggers fill (the search entries)
    would then be planned as a small one for good: search read 100,000 entries of a common pair
    of words instead of the newest few hundred. Empty tables are analysed again each run (cheap)
    and not returned.
    """
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(_UNANALYSED)
            tables = [table for (table,) in cursor.fetchall()]
            for table in tables:
                cursor.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
            # Those still without statistics are empty: not worth naming.
            cursor.execute(_UNANALYSED)
            empty = {table for (table,) in cursor.fetchall()}
    finally:
        connection.close()
    return [table for table in tables if table not in empty]


def create_database_if_missing(url: str) -> None:
    """Create the database `url` names unless it exists (`make bench-mail`'s own, migrated
    forward and seeded by bench/mail.py itself)."""
    name = url.rsplit("/", 1)[1].split("?", maxsplit=1)[0]
    with _admin_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

"""Scale data for the bench (`manage.py seed_scale --factor N`), assembled from what apps register.

Like the demo (cop_platform/demo.py), each app seeds its own tables: it registers a seeder in its
`AppConfig.ready()` with an order, and later apps (meetings, toolkit) find what earlier ones left
in `run.shared` (people, CoPs and their members). At factor 10 the data is 50,000 people, 500
CoPs, 100,000 threads and 900,000 replies; factor 1 is a tenth of that, and a fraction is allowed
(the tests seed a few hundred rows).

Rows go in through PostgreSQL's COPY with ids chosen here, so seeders can point rows at each other
(a thread at its accepted reply) without a round trip per row; foreign keys are checked at commit.
Generated columns (the search vectors) are never written: PostgreSQL computes them.
"""

import io
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction

# Rows sent to the server per COPY call: large enough to amortise the call, small enough that a
# chunk's text stays a few megabytes.
COPY_CHUNK_ROWS = 20_000


@dataclass
class ScaleRun:
    """One seeding run: its size, its random source, and what seeders leave for later ones."""

    factor: float
    rng: random.Random
    now: datetime
    password_hash: str
    out: Callable[[str], None] = print
    shared: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def scaled(self, at_factor_one: float, *, minimum: int = 1) -> int:
        """How many of something to make: `at_factor_one` at factor 1, never below `minimum`."""
        return max(minimum, round(at_factor_one * self.factor))

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """COPY `rows` into `table`, print how long it took, and move its id sequence past them."""
        started = time.monotonic()
        count = copy_rows(table, columns, rows)
        if "id" in columns:
            move_sequence_past_max_id(table)
        self.counts[table] = self.counts.get(table, 0) + count
        self.out(f"  {table:<36} {count:>9,} rows {time.monotonic() - started:7.1f} s")
        return count


def next_id(table: str) -> int:
    """The first free id of `table`: seeders number their rows from here (nothing else writes
    during a seeding run)."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')  # noqa: S608
        return cursor.fetchone()[0]


def move_sequence_past_max_id(table: str) -> None:
    """Past the ids COPY wrote; a table keyed by UUIDs has no sequence and nothing to move."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        if cursor.fetchone()[0] is None:
            return
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608
            f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))',
            [table],
        )


def copy_value(value: Any) -> str:
    """One value in COPY's text format: NULL as \\N, booleans as t/f, text escaped."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    quoted = ", ".join(f'"{column}"' for column in columns)
    statement = f'COPY "{table}" ({quoted}) FROM STDIN'
    count = 0
    buffer = io.StringIO()
    with connection.cursor() as cursor:
        for row in rows:
            buffer.write("\t".join(map(copy_value, row)))
            buffer.write("\n")
            count += 1
            if count % COPY_CHUNK_ROWS == 0:
                _send(cursor, statement, buffer)
                buffer = io.StringIO()
        if buffer.tell():
            _send(cursor, statement, buffer)
    return count


def _send(cursor, statement: str, buffer: io.StringIO) -> None:
    buffer.seek(0)
    cursor.copy_expert(statement, buffer)


# A scale seeder adds its tables' rows for `run.factor`, reading and extending `run.shared`.
ScaleSeeder = Callable[[ScaleRun], None]


@dataclass(frozen=True)
class _Registered:
    order: int
    name: str
    seeder: ScaleSeeder


_SEEDERS: dict[str, _Registered] = {}


def register_scale_seeder(name: str, seeder: ScaleSeeder, *, order: int) -> None:
    """Register `seeder` to run at `order` (lower first). Registering the same seeder again is
    harmless; another seeder under a taken name is a mistake and raises."""
    registered = _Registered(order, name, seeder)
    if name in _SEEDERS and _SEEDERS[name] != registered:
        raise ValueError(f"Scale seeder {name!r} is already registered differently")
    _SEEDERS[name] = registered


def unregister_scale_seeder(name: str) -> None:
    _SEEDERS.pop(name, None)


def scale_seeders() -> list[str]:
    """The registered seeders' names, in the order they run."""
    return [entry.name for entry in sorted(_SEEDERS.values(), key=lambda e: (e.order, e.name))]


def seed_scale(run: ScaleRun) -> dict[str, int]:
    """Run every registered seeder in order, in one transaction; returns rows per table."""
    with transaction.atomic():
        for name in scale_seeders():
            started = time.monotonic()
            run.out(f"{name}:")
            _SEEDERS[name].seeder(run)
            run.out(f"  ({time.monotonic() - started:.1f} s)")
    return run.counts

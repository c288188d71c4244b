"""The bench's own databases are made on the PostgreSQL the suite uses (bench/databases.py)."""

import uuid
from contextlib import closing

import psycopg2
import pytest
from django.db import connection
from psycopg2 import sql

from bench import databases


@pytest.fixture
def bench_server(monkeypatch):
    db = connection.settings_dict
    server = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
    monkeypatch.setattr(databases, "SERVER_URL", server)
    return server


def _exists(server: str, name: str) -> bool:
    with psycopg2.connect(f"{server}/postgres") as check, check.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def test_create_database_if_missing_creates_it_once_when_make_bench_mail_first_runs(bench_server):
    # CREATE DATABASE refuses a transaction; psycopg2 opens one in `with connection:` even in
    # autocommit mode, which made the first `make bench-mail` on a fresh machine fail.
    name = f"cop_bench_probe_{uuid.uuid4().hex[:8]}"
    try:
        databases.create_database_if_missing(f"{bench_server}/{name}")
        assert _exists(bench_server, name)
        databases.create_database_if_missing(f"{bench_server}/{name}")  # already there: no error
        assert databases.stored_hash(name) is None  # no stamp: would be built on first use
    finally:
        drop = psycopg2.connect(f"{bench_server}/postgres")
        drop.autocommit = True
        with drop.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        drop.close()


def test_the_bench_rebuilds_its_data_when_an_apps_second_seeder_changes(tmp_path):
    (tmp_path / "toolkit").mkdir()
    seeder = tmp_path / "toolkit" / "knowledge_scale.py"
    seeder.write_text("ENTRIES = 1\n")
    before = databases.data_hash(tmp_path)
    seeder.write_text("ENTRIES = 2\n")
    assert databases.data_hash(tmp_path) != before


def test_a_reused_bench_database_gets_statistics_for_a_table_filled_without_them(bench_server):
    # The bench's server runs without autovacuum: a table filled by triggers (the search
    # entries) stayed unanalysed, and search planned a common pair of words as a rare one.
    name = f"cop_bench_probe_{uuid.uuid4().hex[:8]}"
    databases.create_database_if_missing(f"{bench_server}/{name}")
    url = f"{bench_server}/{name}"
    try:
        with closing(psycopg2.connect(url)) as probe, probe, probe.cursor() as cursor:
            cursor.execute("CREATE TABLE filled (id int); CREATE TABLE empty (id int)")
            cursor.execute("INSERT INTO filled SELECT generate_series(1, 1000)")
        assert databases.analyze_tables_without_statistics(url) == ["filled"]
        with closing(psycopg2.connect(url)) as probe, probe.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_stats WHERE schemaname = 'public'")
            assert cursor.fetchall() == [("filled",)]
        # Analysed once, not again each run.
        assert databases.analyze_tables_without_statistics(url) == []
    finally:
        drop = psycopg2.connect(f"{bench_server}/postgres")
        drop.autocommit = True
        with drop.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        drop.close()

"""Hand-written SQL around ORM querysets, where the ORM cannot go: aggregating over a UNION.

The querysets' own SQL and parameters are placed inside; every value stays a parameter, and
the only text added is ours (column lists and keywords)."""

from django.db.models import QuerySet


def union_of(querysets: list[QuerySet], columns: str, *, keep_duplicates: bool) -> tuple:
    """(sql, params) of the querysets' rows as one table of `columns` (each queryset selects
    them by those names); UNION ALL keeps every row, UNION keeps each distinct row once."""
    parts = [rows.order_by().query.sql_with_params() for rows in querysets]
    joiner = " UNION ALL " if keep_duplicates else " UNION "
    sql = joiner.join(f"SELECT {columns} FROM ({part}) AS part" for part, _ in parts)  # noqa: S608
    return sql, [param for _, params in parts for param in params]

"""Every check of `seed verify` is linear or n log n: no check looks rows up per row through an
index (or a rescanned subquery) whose matches grow with the data. Proven on the query plans, not
by timing (the benchmark bench/verify_speed.py measures)."""

import json
from typing import Any

import pytest
from sqlalchemy import URL, text

from seed.db.engine import make_engine
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.verify import all_checks, summary_statement
from tests.test_seed_core import AS_OF

#: Lookups whose matches are bounded whatever the size: a unique key, an invoice's children
#: (at most 8 lines, 1 response), a project's budget lines (one per category), an index SQLite
#: built for this statement.
_BOUNDED = ("(id=?)", "(invoice_id=?)", "AUTOMATIC")
#: Tables whose rows grow with the data: a full scan of one per row is quadratic.
_GROWING = ("invoices", "invoice_lines", "integration_responses")


def _seed(url: URL, per_status: int) -> None:
    seed_run(
        url, SeedOptions(seed=5, as_of=AS_OF, per_status=per_status), RunSettings("PLAN", workers=0)
    )


def _sql(url: URL, statement: Any) -> str:
    engine = make_engine(url)
    try:
        compiled = statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
        return str(compiled)
    finally:
        engine.dispose()


def _bounded_sqlite(detail: str) -> bool:
    if not detail.startswith("SEARCH"):
        return False
    per_project_budget = detail.startswith("SEARCH budget_lines") and "(project_id=?)" in detail
    return per_project_budget or any(mark in detail for mark in _BOUNDED)


def _per_row_lookups(plan: list[tuple[int, int, str]]) -> list[str]:
    """The loops a SQLite plan runs once per row of an outer loop that are not bounded."""
    correlated = {node for node, _, detail in plan if detail.startswith("CORRELATED")}
    groups: dict[int, list[str]] = {}
    for _node, parent, detail in plan:
        if detail.startswith(("SCAN", "SEARCH")):
            groups.setdefault(parent, []).append(detail)
    offending = []
    for parent, loops in groups.items():
        inner = loops if parent in correlated else loops[1:]
        offending += [loop for loop in inner if not _bounded_sqlite(loop)]
    return offending


def test_sqlite_plans_have_no_unbounded_lookup_per_row(sqlite_url: URL) -> None:
    _seed(sqlite_url, 20)
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        for check in all_checks():
            sql = _sql(sqlite_url, summary_statement(check))
            plan = [
                (row[0], row[1], row[3])
                for row in connection.execute(text("EXPLAIN QUERY PLAN " + sql))
            ]
            assert _per_row_lookups(plan) == [], check.name
    engine.dispose()


def _scanned(node: dict[str, Any]) -> set[str]:
    """The growing tables a plan node reads in full (itself or through its children)."""
    tables = {node["Relation Name"]} if node.get("Node Type") == "Seq Scan" else set()
    for child in node.get("Plans", []):
        tables |= _scanned(child)
    return tables & set(_GROWING)


def _repeated_scans(node: dict[str, Any]) -> list[str]:
    """Full reads of growing tables that a PostgreSQL plan repeated: a sequential scan, or the
    materialised copy of one, run more than once."""
    found = []
    if node.get("Node Type") in ("Seq Scan", "Materialize") and node.get("Actual Loops", 0) > 1:
        found += [f"{table} read {node['Actual Loops']} times" for table in _scanned(node)]
    for child in node.get("Plans", []):
        found += _repeated_scans(child)
    return found


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_plans_scan_each_table_once_even_with_little_work_mem(pg_url: URL) -> None:
    """With work_mem as small as a million invoices make the default, a ``NOT IN (subquery)``
    stops being hashed and is rescanned per row; our anti-joins and joins are not. (20,000
    invoices: below that, the smallest work_mem still holds the sets such a subquery hashes.)"""
    _seed(pg_url, 4000)
    engine = make_engine(pg_url)
    with engine.connect() as connection:
        connection.execute(text("SET work_mem = '64kB'"))
        connection.execute(text("SET max_parallel_workers_per_gather = 0"))
        # No ANALYZE here: the run gathered the statistics itself (without them the planner
        # guesses a handful of rows and loops over them).
        for check in all_checks():
            sql = _sql(pg_url, summary_statement(check))
            # The driver's own text, as compiled for it (psycopg reads %% as the % operator).
            explain = "EXPLAIN (ANALYZE, FORMAT JSON) " + sql
            (plan,) = connection.exec_driver_sql(explain).one()
            document = plan if isinstance(plan, list) else json.loads(plan)
            assert _repeated_scans(document[0]["Plan"]) == [], check.name
    engine.dispose()

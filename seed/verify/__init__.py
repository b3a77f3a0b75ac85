"""The invariants of Hold Busters data, each one set-based SQL that finds the rows breaking it.

A check is a SELECT of ``id`` and ``ok`` over the rows it examines; ``ok`` false or NULL marks an
offending row. Everything is SQLAlchemy Core that compiles on SQLite, PostgreSQL and Databricks
(where foreign keys are not enforced), so the checks hold of any database with the schema, seeded
by us or not, and run in a few statements however many invoices there are.
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, inspect, literal, select
from sqlalchemy.engine import URL, Connection

from models import SeedRun
from seed.db.access import open_database
from seed.db.schema import require_tables
from seed.verify.base import Check, CheckResult
from seed.verify.calendar import calendar_checks
from seed.verify.coverage import coverage_checks
from seed.verify.history import history_checks
from seed.verify.holds import scenario_checks
from seed.verify.integrity import (
    amount_checks,
    budget_checks,
    foreign_key_checks,
    line_checks,
    project_checks,
)
from seed.verify.workflow import (
    date_checks,
    payload_checks,
    status_checks,
    timing_checks,
)

__all__ = [
    "Check",
    "CheckResult",
    "all_checks",
    "examples_statement",
    "run_check",
    "summary_statement",
    "verify_database",
]


def all_checks(ledger: bool = True) -> list[Check]:
    """Every check; ``ledger``: the database has our run ledger (``seed_runs``) to check too."""
    return [
        *project_checks(),
        *foreign_key_checks(),
        *line_checks(),
        *amount_checks(),
        *budget_checks(),
        *status_checks(),
        *history_checks(),
        *payload_checks(),
        *date_checks(),
        *calendar_checks(),
        *timing_checks(),
        *scenario_checks(),
        *(coverage_checks() if ledger else ()),
    ]


def _offending(rows: Any) -> ColumnElement[int]:
    return case((rows.c.ok, literal(0)), else_=literal(1))


def summary_statement(check: Check) -> Select[int, int]:
    """Rows examined and rows offending (``ok`` false or NULL): one pass over the data."""
    rows = check.query.subquery("examined")
    return select(func.count(), func.coalesce(func.sum(_offending(rows)), 0)).select_from(rows)


def examples_statement(check: Check, examples: int) -> Select[Any]:
    """The first offending ids, in key order."""
    rows = check.query.subquery("examined")
    return select(rows.c.id).where(_offending(rows) == 1).order_by(rows.c.id).limit(examples)


def run_check(connection: Connection, check: Check, examples: int = 5) -> CheckResult:
    checked, failed = connection.execute(summary_statement(check)).one()
    ids: tuple[str, ...] = ()
    if failed:
        ids = tuple(connection.scalars(examples_statement(check, examples)))
    return CheckResult(check, int(checked), int(failed), ids)


def verify_database(
    url: URL, lock_timeout: float, on_check: Callable[[str], None] | None = None
) -> list[CheckResult]:
    """Every check on the database at ``url`` (seeded by us or not), read-only; ``on_check``
    gets the name of each check as it starts."""
    results = []
    with open_database(url, lock_timeout, write=False, check_schema=require_tables) as connection:
        ledger = SeedRun.__tablename__ in inspect(connection).get_table_names()
        for check in all_checks(ledger):
            if on_check is not None:
                on_check(check.name)
            results.append(run_check(connection, check))
    return results

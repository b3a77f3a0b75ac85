"""A run's rows: every key a run writes begins with ``<run id>-``, so its rows can be counted and
removed set-based, children first, on any backend (no LIKE: ``_`` is a wildcard there)."""

from sqlalchemy import ColumnElement, FromClause, and_, delete, exists, func, not_, or_, select
from sqlalchemy.engine import Connection

from models import TABLES
from seed.keys import run_prefix


def belongs_to_run(table: FromClause, run_id: str) -> ColumnElement[bool]:
    prefix = run_prefix(run_id)
    return func.substr(table.c.id, 1, len(prefix)) == prefix


def _used_by_other_runs(project_id: ColumnElement[str], run_id: str) -> ColumnElement[bool]:
    """Another run's budget lines or invoices belong to this project.

    Aliased: the budget-line rule correlates on budget_lines itself, and an unaliased inner
    budget_lines would shadow the outer one (making every project look shared)."""
    budget = TABLES["budget_lines"].alias("other_budget_lines")
    invoices = TABLES["invoices"].alias("other_invoices")
    return or_(
        exists().where(budget.c.project_id == project_id, not_(belongs_to_run(budget, run_id))),
        exists().where(invoices.c.project_id == project_id, not_(belongs_to_run(invoices, run_id))),
    )


def _removable(name: str, run_id: str) -> ColumnElement[bool]:
    """This run's rows of ``name``, except a project another run reuses, and the budget lines
    that such a project or another run's invoice lines still need."""
    table = TABLES[name]
    mine = belongs_to_run(table, run_id)
    if name == "projects":
        return and_(mine, not_(_used_by_other_runs(table.c.id, run_id)))
    if name == "budget_lines":
        lines = TABLES["invoice_lines"]
        project_prefix = func.substr(table.c.project_id, 1, len(run_prefix(run_id)))
        return and_(
            mine,
            not_(
                exists().where(
                    lines.c.budget_line_id == table.c.id, not_(belongs_to_run(lines, run_id))
                )
            ),
            not_(
                and_(
                    project_prefix == run_prefix(run_id),
                    _used_by_other_runs(table.c.project_id, run_id),
                )
            ),
        )
    return mine


def _count(connection: Connection, table: FromClause, where: ColumnElement[bool]) -> int:
    return connection.execute(select(func.count()).select_from(table).where(where)).scalar_one()


def count_run_rows(connection: Connection, run_id: str) -> dict[str, int]:
    """Rows per table that purging ``run_id`` would remove."""
    return {
        name: _count(connection, table, _removable(name, run_id)) for name, table in TABLES.items()
    }


def kept_run_rows(connection: Connection, run_id: str) -> dict[str, int]:
    """Rows of ``run_id`` that purging keeps because other runs still use them: a reused project
    and its budget lines (other tables' rows are never shared)."""
    return {
        name: _count(
            connection,
            TABLES[name],
            and_(belongs_to_run(TABLES[name], run_id), not_(_removable(name, run_id))),
        )
        for name in ("projects", "budget_lines")
    }


def delete_run_rows(
    connection: Connection, run_id: str, counts: dict[str, int] | None = None
) -> dict[str, int]:
    """Remove a run's rows, children first; returns the rows counted per table before removal.

    Counts are taken first because the Databricks dialect reports no reliable rowcount; a caller
    that has just counted them in the same transaction passes its ``counts`` instead.
    """
    if counts is None:
        counts = count_run_rows(connection, run_id)
    for name in reversed(TABLES):
        if counts[name]:
            table = TABLES[name]
            connection.execute(delete(table).where(_removable(name, run_id)))
    return counts

"""A SQL script reuses the existing project of its project number when it is loaded, as a direct
run does.

A script cannot look at the database it will run on, so it writes the run as if its project were
new, then ends with statements that, only where another project with that number was there
before (the oldest, as a direct run picks it), move the run onto that project: lines charged to
the run's budget lines go to the project's budget line of the same category (a category it lacks
gets the run's budget line), invoices and the ledger row point at it, its budget lines grow to
cover what Approved and Paid lines now charge to them with the usual headroom, and the run's own
project row and remaining budget lines are deleted. Where there was none, they change nothing.

Each change is one query of (key, new value); SQLite and PostgreSQL apply it with
``UPDATE ... FROM``, Databricks with ``MERGE INTO``. SQLite and PostgreSQL scripts run in one
transaction, so no one sees the project twice; on Databricks each statement commits on its own.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Delete,
    Numeric,
    Select,
    Table,
    and_,
    case,
    delete,
    exists,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.engine import Dialect

from models import TABLES, Base, SeedRun
from seed.domain.catalog import BUDGET_UTILISATION
from seed.domain.statuses import SPENDING_STATUSES
from seed.keys import project_key

PROJ, BUDGET, INV, LINE = (
    TABLES[n] for n in ("projects", "budget_lines", "invoices", "invoice_lines")
)
LEDGER = Base.metadata.tables[SeedRun.__tablename__]
#: Decimal SQL type of a budget's target utilisation (numeric division on every backend).
_SHARE = Numeric(6, 3)


@dataclass(frozen=True)
class Change:
    """Set ``column`` of the rows of ``table`` that ``rows`` selects (``key``, ``value``)."""

    table: Table
    column: str
    rows: Select[Any]


def adopt_existing_project(run_id: str, project_number: str) -> list[Change | Delete]:
    """The statements, in order, that move the run onto an older project with its number."""
    own = project_key(run_id)
    older = PROJ.alias("older")
    existing = (
        select(older.c.id)
        .where(older.c.project_number == project_number, older.c.id != own)
        .order_by(older.c.created_at, older.c.id)
        .limit(1)
        .scalar_subquery()
    )
    there = exists().where(older.c.project_number == project_number, older.c.id != own)
    theirs = BUDGET.alias("theirs")
    same_category = and_(
        theirs.c.project_id == existing, theirs.c.cost_category == BUDGET.c.cost_category
    )
    ours = select(BUDGET.c.id).where(BUDGET.c.project_id == own)
    their_line = (
        select(func.min(theirs.c.id))
        .where(theirs.c.project_id == existing, theirs.c.cost_category == LINE.c.cost_category)
        .scalar_subquery()
    )
    return [
        Change(
            BUDGET,
            "project_id",
            _rows(BUDGET.c.id, existing).where(
                BUDGET.c.project_id == own, there, ~exists().where(same_category)
            ),
        ),
        Change(
            LINE,
            "budget_line_id",
            _rows(LINE.c.id, their_line).where(LINE.c.budget_line_id.in_(ours), there),
        ),
        Change(INV, "project_id", _rows(INV.c.id, existing).where(INV.c.project_id == own, there)),
        Change(
            LEDGER,
            "project_id",
            _rows(LEDGER.c.run_id, existing).where(LEDGER.c.run_id == run_id, there),
        ),
        _cover_spend(existing, there),
        delete(BUDGET).where(BUDGET.c.project_id == own, there),
        delete(PROJ).where(PROJ.c.id == own, there),
    ]


def _rows(key: Any, value: Any) -> Select[Any]:
    return select(key.label("key"), value.label("value"))


def _cover_spend(existing: Any, there: Any) -> Change:
    charged = LINE.alias("charged")
    spending = INV.alias("spending")
    spend = (
        select(func.coalesce(func.sum(charged.c.line_amount), 0))
        .select_from(charged.join(spending, spending.c.id == charged.c.invoice_id))
        .where(
            charged.c.budget_line_id == BUDGET.c.id,
            spending.c.status.in_(SPENDING_STATUSES),
        )
        .scalar_subquery()
    )
    # As a run sizes budgets (seed.generate.budgets): spend over the category's target
    # utilisation, here without rounding up to whole thousands (not portable SQL).
    utilisation = case(
        *(
            (BUDGET.c.cost_category == category, literal(Decimal(str(share)), _SHARE))
            for category, share in BUDGET_UTILISATION.items()
        ),
        else_=literal(Decimal(1), _SHARE),
    )
    needed = func.round(spend / utilisation + literal(Decimal("0.005"), _SHARE), 2)  # up to a cent
    return Change(
        BUDGET,
        "budget_amount",
        _rows(BUDGET.c.id, needed).where(
            BUDGET.c.project_id == existing, there, BUDGET.c.budget_amount < needed
        ),
    )


def render(statement: Change | Delete, dialect: Dialect) -> str:
    def sql(clause: Any) -> str:
        return str(clause.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))

    if not isinstance(statement, Change):
        return sql(statement)
    table, column = statement.table, statement.column
    (key,) = table.primary_key.columns
    rows = statement.rows.with_only_columns(
        *(
            c.label(n)
            for c, n in zip(statement.rows.selected_columns, ("key", "value"), strict=True)
        )
    ).subquery("changed")
    if dialect.name != "databricks":
        return sql(update(table).values({column: rows.c.value}).where(key == rows.c.key))
    quote = dialect.identifier_preparer.quote
    return (
        f"MERGE INTO {quote(table.name)} AS target USING ({sql(rows.element)}) AS changed "
        f"ON target.{quote(key.name)} = changed.key "
        f"WHEN MATCHED THEN UPDATE SET {quote(column)} = changed.value"
    )

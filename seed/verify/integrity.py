"""Checks that rows hold together: foreign keys, line numbers and amounts, budgets."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, func, select

from models import DASHBOARD_TABLES
from seed.domain.catalog import BUDGET_UTILISATION
from seed.domain.statuses import SPENDING_STATUSES
from seed.verify.base import (
    BUDGET,
    CENT_TOLERANCE,
    INV,
    LINE,
    PROJ,
    Check,
    budgeted,
    equals,
    id_and_ok,
    same_money,
)


def project_checks() -> Iterator[Check]:
    """Runs reuse a project by its number, so two projects with one number split its data."""
    numbers = (
        select(PROJ.c.project_number, func.count().label("projects"))
        .group_by(PROJ.c.project_number)
        .subquery("numbers")
    )
    yield Check(
        "one project per project number",
        "no two projects have the same project number",
        "projects",
        id_and_ok(PROJ.c.id, numbers.c.projects == 1).select_from(
            PROJ.join(numbers, numbers.c.project_number == PROJ.c.project_number)
        ),
    )


def foreign_key_checks() -> Iterator[Check]:
    for table in DASHBOARD_TABLES:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            parent = fk.column.table.alias()
            column = table.c[fk.parent.name]
            query = (
                id_and_ok(table.c.id, parent.c[fk.column.name].is_not(None))
                .select_from(table.outerjoin(parent, column == parent.c[fk.column.name]))
                .where(column.is_not(None))
            )
            name = f"{table.name}.{fk.parent.name} resolves"
            rule = (
                f"every {table.name}.{fk.parent.name} names an existing {parent.original.name} row"  # type: ignore[attr-defined]
            )
            yield Check(name, rule, table.name, query)


# Lines and amounts.


def _line_totals() -> Any:
    return (
        select(
            LINE.c.invoice_id,
            func.count().label("lines"),
            func.count(func.distinct(LINE.c.line_number)).label("numbers"),
            func.min(LINE.c.line_number).label("first"),
            func.max(LINE.c.line_number).label("last"),
            func.sum(LINE.c.line_amount).label("amount"),
        )
        .group_by(LINE.c.invoice_id)
        .subquery("totals")
    )


def line_checks() -> Iterator[Check]:
    totals = _line_totals()
    with_totals = INV.outerjoin(totals, totals.c.invoice_id == INV.c.id)
    yield Check(
        "lines numbered 1..n",
        "every invoice has lines, numbered 1, 2, ... without gaps or repeats",
        "invoices",
        id_and_ok(
            INV.c.id,
            and_(
                totals.c.lines > 0,
                totals.c.first == 1,
                totals.c.last == totals.c.lines,
                totals.c.numbers == totals.c.lines,
            ),
        ).select_from(with_totals),
    )
    yield Check(
        "lines sum to the total",
        "an invoice's line amounts add up to its total to the cent",
        "invoices",
        id_and_ok(
            INV.c.id, same_money(func.coalesce(totals.c.amount, 0), INV.c.total_amount)
        ).select_from(with_totals),
    )


def amount_checks() -> Iterator[Check]:
    yield Check(
        "quantity x price = amount",
        "a line's amount is its quantity times its unit price, rounded to the cent, above zero",
        "invoice_lines",
        id_and_ok(
            LINE.c.id,
            and_(
                func.abs(LINE.c.quantity * LINE.c.unit_price - LINE.c.line_amount) <= 0.0051,
                LINE.c.line_amount > 0,
            ),
        ),
    )
    budget = BUDGET.alias("budget")
    yield Check(
        "budget line of the invoice's project",
        "a line's budget line is in its invoice's project and of the line's cost category",
        "invoice_lines",
        id_and_ok(
            LINE.c.id,
            and_(
                budget.c.project_id == INV.c.project_id,
                budget.c.cost_category == LINE.c.cost_category,
            ),
        ).select_from(
            LINE.join(INV, INV.c.id == LINE.c.invoice_id).join(
                budget, budget.c.id == LINE.c.budget_line_id
            )
        ),
    )
    yield Check(
        "unbudgeted lines are held",
        "a line without a budget line is on a BUDGET_LINE_NOT_FOUND Hold, in a category "
        "its project has no budget line for",
        "invoice_lines",
        id_and_ok(
            LINE.c.id,
            and_(
                equals(INV.c.error_code, "BUDGET_LINE_NOT_FOUND"),
                ~budgeted(INV.c.project_id, LINE.c.cost_category),
            ),
        )
        .select_from(LINE.join(INV, INV.c.id == LINE.c.invoice_id))
        .where(LINE.c.budget_line_id.is_(None)),
    )


def budget_checks() -> Iterator[Check]:
    spent = (
        select(LINE.c.budget_line_id, func.sum(LINE.c.line_amount).label("amount"))
        .select_from(LINE.join(INV, INV.c.id == LINE.c.invoice_id))
        .where(INV.c.status.in_(SPENDING_STATUSES), LINE.c.budget_line_id.is_not(None))
        .group_by(LINE.c.budget_line_id)
        .subquery("spent")
    )
    most = max(BUDGET_UTILISATION.values())
    yield Check(
        "budget utilisation",
        "a budget line's amount is positive and its Approved and Paid lines charge at most "
        f"{most:.0%} of it (the highest target utilisation of a category)",
        "budget_lines",
        id_and_ok(
            BUDGET.c.id,
            and_(
                BUDGET.c.budget_amount > 0,
                func.coalesce(spent.c.amount, 0) <= BUDGET.c.budget_amount * most + CENT_TOLERANCE,
            ),
        ).select_from(BUDGET.outerjoin(spent, spent.c.budget_line_id == BUDGET.c.id)),
    )

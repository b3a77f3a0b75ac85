"""The profile's SQL: aggregates an AP analyst reads first, portable to SQLite, PostgreSQL and
Databricks (weekdays from day differences, days of month from the date's text)."""

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Numeric,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.engine import Connection

from models import TABLES
from seed.domain.statuses import SPENDING_STATUSES
from seed.domain.trades import COUNTABLE_UNITS
from seed.verify.sql import days_between, json_text, weekday

BUDGET, INV, LINE, RESP = (
    TABLES[name] for name in ("budget_lines", "invoices", "invoice_lines", "integration_responses")
)
#: Month-end: from the 25th (a uniform calendar puts 20.5% of days there).
MONTH_END_DAY = 25
DATE_COLUMNS = ("invoice_date", "submitted_at", "approved_at", "paid_at")
AGING_BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 7),
    (8, 30),
    (31, 60),
    (61, 90),
    (91, None),
)
#: Same vendor, same amount, invoice dates at least this many days apart: recurring billing.
RECURRING_MIN_DAYS = 20


def day_of_month(column: Any) -> ColumnElement[int]:
    return cast(func.substr(cast(column, String), 9, 2), Integer)


Rows = list[tuple[Any, ...]]


def _rows(result: Any) -> Rows:
    return [tuple(row) for row in result]


def count_if(condition: Any) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def statuses(c: Connection) -> Rows:
    return _rows(c.execute(select(INV.c.status, func.count()).group_by(INV.c.status)))


def vendors(c: Connection) -> Rows:
    """Per vendor: invoices, Holds and Approved + Paid spend."""
    spend = func.sum(case((INV.c.status.in_(SPENDING_STATUSES), INV.c.total_amount), else_=0))
    return _rows(
        c.execute(
            select(
                INV.c.vendor_name, func.count(), count_if(INV.c.status == "Hold"), spend
            ).group_by(INV.c.vendor_name)
        )
    )


def calendar(c: Connection) -> dict[str, tuple[Any, ...]]:
    """Per date column: dated invoices, those on a weekend, those from the 25th on."""
    found = {}
    for name in DATE_COLUMNS:
        column = INV.c[name]
        found[name] = tuple(
            c.execute(
                select(
                    func.count(column),
                    count_if(weekday(column) >= 5),
                    count_if(day_of_month(column) >= MONTH_END_DAY),
                )
            ).one()
        )
    return found


def payment_weekdays(c: Connection) -> Rows:
    day = weekday(INV.c.paid_at)
    return _rows(
        c.execute(select(day, func.count()).where(INV.c.paid_at.is_not(None)).group_by(day))
    )


def months(c: Connection) -> Rows:
    month = func.substr(cast(INV.c.invoice_date, String), 1, 7)
    return _rows(c.execute(select(month, func.count()).group_by(month).order_by(month)))


def days_to_pay(c: Connection) -> Rows:
    late_by = days_between(INV.c.due_date, INV.c.paid_at)
    return _rows(
        c.execute(
            select(
                INV.c.payment_terms,
                func.count(),
                func.avg(days_between(INV.c.invoice_date, INV.c.paid_at)),
                count_if(late_by > 0),
                func.avg(case((late_by > 0, late_by))),
            )
            .where(INV.c.status == "Paid")
            .group_by(INV.c.payment_terms)
            .order_by(INV.c.payment_terms)
        )
    )


def aging(c: Connection) -> Rows:
    """Open invoices (Submitted and Hold) by days pending: count and amount per bucket."""
    bucket = case(
        *((INV.c.days_pending <= high, literal(low)) for low, high in AGING_BUCKETS if high),
        else_=literal(AGING_BUCKETS[-1][0]),
    )
    return _rows(
        c.execute(
            select(bucket, func.count(), func.sum(INV.c.total_amount))
            .where(INV.c.status.in_(("Submitted", "Hold")))
            .group_by(bucket)
        )
    )


def holds_per_vendor(c: Connection) -> Rows:
    return _rows(
        c.execute(
            select(INV.c.vendor_name, INV.c.error_code, func.count())
            .where(INV.c.status == "Hold")
            .group_by(INV.c.vendor_name, INV.c.error_code)
        )
    )


def unknown_vendor_ids(c: Connection) -> Rows:
    """Vendor ids on vendor-not-found Holds, with how many Holds each."""
    return _rows(
        c.execute(
            select(INV.c.vendor_id, INV.c.vendor_name, func.count())
            .where(INV.c.status == "Hold", INV.c.error_code == "VENDOR_NOT_FOUND")
            .group_by(INV.c.vendor_id, INV.c.vendor_name)
            .order_by(func.count().desc(), INV.c.vendor_id)
        )
    )


def budgets(c: Connection) -> Rows:
    spent = (
        select(LINE.c.budget_line_id, func.sum(LINE.c.line_amount).label("amount"))
        .select_from(LINE.join(INV, INV.c.id == LINE.c.invoice_id))
        .where(INV.c.status.in_(SPENDING_STATUSES))
        .group_by(LINE.c.budget_line_id)
        .subquery("spent")
    )
    return _rows(
        c.execute(
            select(
                BUDGET.c.cost_category,
                func.sum(BUDGET.c.budget_amount),
                func.sum(func.coalesce(spent.c.amount, 0)),
            )
            .select_from(BUDGET.outerjoin(spent, spent.c.budget_line_id == BUDGET.c.id))
            .group_by(BUDGET.c.cost_category)
            .order_by(BUDGET.c.cost_category)
        )
    )


def approval_limit(c: Connection) -> Any:
    """The approval limit the approval-limit Holds name (None: there are none)."""
    named = cast(json_text(RESP.c.response_payload, "errors", 0, "limit"), Numeric(12, 2))
    return c.execute(
        select(func.max(named)).where(RESP.c.error_code == "APPROVAL_LIMIT_EXCEEDED")
    ).scalar_one()


def amount_bands(c: Connection, limit: float) -> Rows:
    """Invoices per tenth of the approval limit (10: above it)."""
    band = case(
        (INV.c.total_amount > limit, literal(10)),
        else_=cast(func.floor(INV.c.total_amount * 10 / limit), Integer),
    )
    return _rows(c.execute(select(band, func.count()).group_by(band)))


def limit_holds(c: Connection, limit: float) -> tuple[Any, ...]:
    """Approval-limit Holds, those within $100 of the limit, and their largest total."""
    return tuple(
        c.execute(
            select(
                func.count(),
                count_if(INV.c.total_amount <= limit + 100),
                func.max(INV.c.total_amount),
            ).where(INV.c.status == "Hold", INV.c.error_code == "APPROVAL_LIMIT_EXCEEDED")
        ).one()
    )


def countable_quantities(c: Connection) -> tuple[Any, ...]:
    """Lines in countable units, and those of them with a fractional quantity."""
    return tuple(
        c.execute(
            select(func.count(), count_if(LINE.c.quantity != func.floor(LINE.c.quantity))).where(
                LINE.c.unit_of_measure.in_(sorted(COUNTABLE_UNITS))
            )
        ).one()
    )


def recurring_groups(c: Connection) -> int:
    """Vendor and amount pairs billed on several invoices weeks apart, none of them held."""
    groups = (
        select(INV.c.vendor_id)
        .where(INV.c.status != "Hold")
        .group_by(INV.c.vendor_id, INV.c.total_amount)
        .having(
            and_(
                func.count() >= 2,
                days_between(func.min(INV.c.invoice_date), func.max(INV.c.invoice_date))
                >= RECURRING_MIN_DAYS,
            )
        )
        .subquery("groups")
    )
    return int(c.execute(select(func.count()).select_from(groups)).scalar_one())


def histories(c: Connection) -> tuple[Any, ...]:
    """Responses; invoices with several attempts; resolved Holds (an ERROR before success);
    retries after a timeout; Holds that failed more than once."""
    per = (
        select(
            RESP.c.invoice_id,
            func.count().label("attempts"),
            count_if(RESP.c.response_status == "ERROR").label("errors"),
            count_if(RESP.c.error_code == "ERP_TIMEOUT").label("timeouts"),
        )
        .group_by(RESP.c.invoice_id)
        .subquery("per_invoice")
    )
    return tuple(
        c.execute(
            select(
                func.coalesce(func.sum(per.c.attempts), 0),
                count_if(per.c.attempts > 1),
                count_if(and_(per.c.errors > 0, INV.c.status.in_(SPENDING_STATUSES))),
                count_if(and_(per.c.timeouts > 0, INV.c.status != "Hold")),
                count_if(and_(per.c.errors > 1, INV.c.status == "Hold")),
            ).select_from(per.join(INV, INV.c.id == per.c.invoice_id))
        ).one()
    )

"""The Error Analysis queries: invoices per status, Holds per error pattern, one invoice's story."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from models import TABLES
from seed.domain.holds import BY_CODE
from seed.domain.statuses import STATUSES
from seed.errors import SeedError

INV, LINE, RESP = TABLES["invoices"], TABLES["invoice_lines"], TABLES["integration_responses"]


@dataclass(frozen=True)
class StatusRow:
    status: str
    integration_status: str
    invoices: int
    amount: Decimal


@dataclass(frozen=True)
class HoldGroup:
    error_code: str
    #: The error pattern: the scenario's title, else the message up to its first colon.
    pattern: str
    invoices: int
    amount: Decimal
    avg_days_pending: float
    max_days_pending: int


@dataclass(frozen=True)
class InvoiceStory:
    invoice: dict[str, Any]
    lines: list[dict[str, Any]]
    responses: list[dict[str, Any]]


def _money(value: Any) -> Decimal:
    """SQLite returns sums of Numeric as floats: back to cents."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def invoices_per_status(connection: Connection) -> list[StatusRow]:
    rows = connection.execute(
        select(
            INV.c.status,
            INV.c.integration_status,
            func.count(),
            func.sum(INV.c.total_amount),
        )
        .group_by(INV.c.status, INV.c.integration_status)
        .order_by(INV.c.status, INV.c.integration_status)
    )
    found = [StatusRow(s, i, n, _money(amount)) for s, i, n, amount in rows]
    # The workflow's order (Draft first, Hold last); statuses we do not know go at the end.
    return sorted(found, key=lambda r: STATUSES.index(r.status) if r.status in STATUSES else 99)


def hold_groups(connection: Connection) -> list[HoldGroup]:
    """Hold invoices per error code, most frequent first."""
    count = func.count()
    rows = connection.execute(
        select(
            func.coalesce(INV.c.error_code, "(none)"),
            func.min(INV.c.error_message),
            count,
            func.sum(INV.c.total_amount),
            func.avg(INV.c.days_pending),
            func.max(INV.c.days_pending),
        )
        .where(INV.c.status == "Hold")
        .group_by(INV.c.error_code)
        .order_by(count.desc(), INV.c.error_code)
    )
    return [
        HoldGroup(
            code,
            BY_CODE[code].title if code in BY_CODE else (message or "").split(":")[0],
            n,
            _money(amount),
            float(avg or 0),
            int(high or 0),
        )
        for code, message, n, amount, avg, high in rows
    ]


def invoice_story(connection: Connection, key: str) -> InvoiceStory:
    """The invoice whose id or invoice number is ``key``, its lines and its responses."""
    found = connection.execute(
        select(INV)
        .where(or_(INV.c.id == key, INV.c.invoice_number == key))
        .order_by(INV.c.id)
        .limit(2)
    ).all()
    if not found:
        raise SeedError(f"no invoice has the id or invoice number {key!r}")
    if len(found) > 1:
        raise SeedError(
            f"several invoices have the invoice number {key!r}: give the invoice id instead, "
            f"e.g. {found[0].id}"
        )
    invoice = dict(found[0]._mapping)
    lines = connection.execute(
        select(LINE).where(LINE.c.invoice_id == invoice["id"]).order_by(LINE.c.line_number)
    )
    responses = connection.execute(
        select(RESP).where(RESP.c.invoice_id == invoice["id"]).order_by(RESP.c.requested_at)
    )
    return InvoiceStory(
        invoice, [dict(r._mapping) for r in lines], [dict(r._mapping) for r in responses]
    )

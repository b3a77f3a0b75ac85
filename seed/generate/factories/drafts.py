"""Mutable working records the factories build an invoice's subtree with, before it becomes rows."""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, TypedDict

from seed.domain.vendors import Vendor


@dataclass(slots=True)
class LineDraft:
    cost_category: str
    description: str
    unit_of_measure: str
    quantity_hundredths: int
    price_cents: int
    tax_code: str
    #: Hundredths the quantity moves by (100: a countable unit, whole quantities only).
    step: int = 1

    @property
    def amount_cents(self) -> int:
        return line_amounts((self,))[0]


def line_amounts(lines: Iterable[LineDraft]) -> list[int]:
    """Each line's amount: quantity times unit price, rounded half up to the cent.

    The rule's one spelling, over a whole invoice at once: its totals, rows and payloads need
    every line's amount, and a property call per line cost more than the arithmetic.
    """
    return [(line.quantity_hundredths * line.price_cents + 50) // 100 for line in lines]


class RequestOverrides(TypedDict, total=False):
    """Where a Hold's request differs from its invoice: the defect it was sent with."""

    poNumber: str
    postingDate: str


@dataclass(frozen=True, slots=True)
class HoldError:
    """What Infinium answered for a Hold invoice: all of it is true of the invoice's data."""

    code: str
    message: str
    details: str
    field: str
    value: str
    #: Further keys of the error object that name the evidence (expected PO, limit, twin, line).
    evidence: dict[str, str | int] = dataclasses.field(default_factory=dict)


@dataclass(slots=True)
class InvoiceDraft:
    index: int
    status: str
    invoice_number: str
    vendor: Vendor
    vendor_id: str
    po_number: str
    lines: list[LineDraft]
    invoice_date: date
    created_at: datetime
    submitted_at: datetime | None = None
    approved_at: datetime | None = None
    paid_at: datetime | None = None
    days_pending: int = 0
    operation: str | None = None
    #: What the integration request carries where it differs from the invoice.
    request_overrides: RequestOverrides = field(default_factory=RequestOverrides)
    error: HoldError | None = None
    #: Seconds Infinium took to answer (a timeout makes it long).
    response_seconds: int = 1
    #: Attempts before the latest one (``--invoices`` runs), oldest first.
    attempts: "list[Attempt]" = field(default_factory=list)
    #: The latest attempt is sent no earlier than this (a Hold resubmitted unchanged).
    last_sent: datetime | None = None

    @property
    def total_cents(self) -> int:
        return sum(line_amounts(self.lines))


class Attempt(NamedTuple):
    """One earlier request to Infinium and its answer: what was sent (the invoice, or a copy
    with the defect it had then), when, and what came back.

    Immutable as a named tuple: a frozen dataclass sets each field through
    ``object.__setattr__`` and cost five times as much to make.
    """

    sent: InvoiceDraft
    sent_at: datetime
    operation: str
    #: ERROR or SUCCESS.
    response_status: str
    error: HoldError | None
    seconds: int

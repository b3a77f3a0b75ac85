"""Streams a run's invoices in chunks of rows, table by table, with what the summary needs."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from seed.factories import InvoiceFactory, RunContext

SPENDING_STATUSES = ("Approved", "Paid")


@dataclass
class Batch:
    """Rows of a contiguous range of invoices, ready to insert parents first."""

    invoices: list[dict[str, Any]] = field(default_factory=list)
    invoice_lines: list[dict[str, Any]] = field(default_factory=list)
    integration_responses: list[dict[str, Any]] = field(default_factory=list)
    #: Approved and Paid spend per budget line id, to size the budgets.
    spend: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    hold_codes: Counter[str] = field(default_factory=Counter)

    def tables(self) -> tuple[tuple[str, list[dict[str, Any]]], ...]:
        return (
            ("invoices", self.invoices),
            ("invoice_lines", self.invoice_lines),
            ("integration_responses", self.integration_responses),
        )

    @property
    def row_count(self) -> int:
        return len(self.invoices) + len(self.invoice_lines) + len(self.integration_responses)


def build_batch(factory: InvoiceFactory, start: int, stop: int) -> Batch:
    batch = Batch()
    for index in range(start, stop):
        tree = factory.build(index)
        status = tree.invoice["status"]
        batch.invoices.append(tree.invoice)
        batch.invoice_lines.extend(tree.lines)
        if tree.response is not None:
            batch.integration_responses.append(tree.response)
        batch.statuses[status] += 1
        if tree.invoice["error_code"]:
            batch.hold_codes[tree.invoice["error_code"]] += 1
        if status in SPENDING_STATUSES:
            for line in tree.lines:
                if line["budget_line_id"] is not None:
                    batch.spend[line["budget_line_id"]] += _cents(line["line_amount"])
    return batch


def _cents(amount: Decimal) -> int:
    return int(amount.scaleb(2))


def iter_batches(run: RunContext, chunk_size: int) -> Iterator[Batch]:
    """The run's invoices in order, ``chunk_size`` at a time; content does not depend on it."""
    factory = InvoiceFactory(run)
    total = run.options.invoice_count
    for start in range(0, total, chunk_size):
        yield build_batch(factory, start, min(start + chunk_size, total))

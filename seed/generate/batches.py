"""Streams a run's invoices in chunks of rows, table by table, with what the summary needs."""

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import index as as_int
from typing import Any

from seed.domain.money import cents_to_decimal, to_cents
from seed.domain.statuses import SPENDING_STATUSES
from seed.generate.factories import InvoiceFactory, RunContext
from seed.generate.heap import keep_freed_memory
from seed.generate.parallel import ordered_map
from seed.write.encoding import Encoder


@dataclass
class InvoiceCounts:
    """What a range of invoices adds to the run's summary and budgets, counted where they are
    made (a worker process, a Spark task) and added up by the writer."""

    #: Rows per table (however they are encoded).
    rows: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    hold_codes: Counter[str] = field(default_factory=Counter)
    #: Approved and Paid spend per budget line id, in cents, to size the budgets.
    spend: Counter[str] = field(default_factory=Counter)

    def add(self, other: "InvoiceCounts") -> None:
        self.rows.update(other.rows)
        self.statuses.update(other.statuses)
        self.hold_codes.update(other.hold_codes)
        self.spend.update(other.spend)


@dataclass
class Batch:
    """Rows of a contiguous range of invoices, ready to insert parents first: dicts, or what
    the sink's encoder made of them (driver tuples, an Arrow batch, a SQLite database) when
    one was given."""

    invoices: list[Any] = field(default_factory=list)
    invoice_lines: list[Any] = field(default_factory=list)
    integration_responses: list[Any] = field(default_factory=list)
    counts: InvoiceCounts = field(default_factory=InvoiceCounts)

    def tables(self) -> tuple[tuple[str, list[Any]], ...]:
        return (
            ("invoices", self.invoices),
            ("invoice_lines", self.invoice_lines),
            ("integration_responses", self.integration_responses),
        )


def build_batch(
    factory: InvoiceFactory, start: int, stop: int, encoder: Encoder | None = None
) -> Batch:
    """Invoices ``start`` to ``stop``; with an encoder, their rows as it encodes them."""
    with _collector_paused():
        return _build_batch(factory, start, stop, encoder)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector would walk the whole growing chunk again and again (a tenth of the
    time); a chunk's rows hold no reference cycles, so nothing is lost by pausing it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build_batch(factory: InvoiceFactory, start: int, stop: int, encoder: Encoder | None) -> Batch:
    batch = Batch()
    # An encoder that takes amounts in integer cents gets them (no Decimal made only to be
    # turned into a float); every other one, and the dict rows, get Decimal amounts. (An int
    # as itself: operator.index costs a fifth of int().)
    in_cents = getattr(encoder, "in_cents", None)
    if in_cents is not None:
        encoder = in_cents()
    money, cents_of = (as_int, as_int) if in_cents is not None else (cents_to_decimal, to_cents)
    counts = batch.counts
    for index in range(start, stop):
        tree = factory.build(index, money)
        status = tree.invoice["status"]
        batch.invoices.append(tree.invoice)
        batch.invoice_lines.extend(tree.lines)
        batch.integration_responses.extend(tree.responses)
        counts.statuses[status] += 1
        if tree.invoice["error_code"]:
            counts.hold_codes[tree.invoice["error_code"]] += 1
        if status in SPENDING_STATUSES:
            for line in tree.lines:
                if line["budget_line_id"] is not None:
                    counts.spend[line["budget_line_id"]] += cents_of(line["line_amount"])
    for name, rows in batch.tables():
        counts.rows[name] = len(rows)
    if encoder is not None:
        batch.invoices = encoder("invoices", batch.invoices)
        batch.invoice_lines = encoder("invoice_lines", batch.invoice_lines)
        batch.integration_responses = encoder("integration_responses", batch.integration_responses)
    return batch


def iter_batches(
    run: RunContext, chunk_size: int, encoder: Encoder | None = None, workers: int = 0
) -> Iterator[Batch]:
    """The run's invoices in order, ``chunk_size`` at a time; content depends on neither the
    chunk size nor the number of worker processes generating them."""
    factory = InvoiceFactory(run)
    total = run.options.invoice_count
    ranges = [(start, min(start + chunk_size, total)) for start in range(0, total, chunk_size)]
    if workers < 1 or len(ranges) < 2:
        for start, stop in ranges:
            yield build_batch(factory, start, stop, encoder)
        return
    # The workers make every chunk but the first (rows encoded and packed where they are made);
    # this process makes that one while they start (about 0.3 s), then only writes.
    first, *rest = ranges
    with ordered_map(_build_in_worker, rest, workers, _start_worker, (run, encoder)) as made:
        yield build_batch(factory, *first, encoder)
        yield from made


_worker: tuple[InvoiceFactory, Encoder | None] | None = None


def _start_worker(run: RunContext, encoder: Encoder | None) -> None:
    global _worker
    keep_freed_memory()
    _worker = (InvoiceFactory(run), encoder)


def _build_in_worker(job: tuple[int, int]) -> Batch:
    assert _worker is not None, "the worker process was not started with _start_worker"
    factory, encoder = _worker
    return build_batch(factory, *job, encoder)

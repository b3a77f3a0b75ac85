"""The strongest plain loop: the fastest honest way to write rows of `seed`'s shape by hand.

Rows are plain tuples made in column order, keys are sequential strings, money is float, JSON is
``json.dumps``; one process, one ``sqlite3.executemany`` per table per 10,000 invoices, in one
transaction with foreign keys on (PostgreSQL: ``COPY`` with ``write_row``). It writes the same
tables and columns as `seed`, with the same number of rows per invoice: its line counts are drawn
from the generator's own range and it writes a response for exactly the statuses that have one.
It does less than `seed` in one way only: its values follow no rules (no Hold scenarios, no
realistic amounts), which is what makes it a floor.
"""

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from models import TABLES
from seed.domain.catalog import BUDGET_CATEGORIES, VALID_TAX_CODES
from seed.domain.statuses import RULES, STATUSES
from seed.domain.trades import TRADES
from seed.domain.vendors import VENDORS
from seed.generate.factories.invoice_line import LINES_PER_INVOICE

CHUNK = 10_000
AS_OF = date(2026, 11, 24)
#: Days as text by how long before the as-of date (negative: after it), so a timestamp is one
#: f-string: DAYS[ago] for -60 <= ago < 400.
DAYS = [(AS_OF - timedelta(days=ago)).isoformat() for ago in range(400)] + [
    (AS_OF + timedelta(days=ahead)).isoformat() for ahead in range(60, 0, -1)
]
ITEMS = [
    (item.cost_category, item.description, item.unit_of_measure)
    for trade in TRADES.values()
    for item in trade.items
]
#: Budget line number of each cost category (the keys' -B<n>).
BUDGET_NUMBER = {category: n for n, (category, _, _) in enumerate(BUDGET_CATEGORIES, start=1)}
HOLD = ("PO_MISMATCH", "PO number mismatch: Expected PO-10000, received PO-20000")
Tables = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _moment(rng: random.Random, ago: int) -> str:
    return f"{DAYS[ago]} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}:00.000000"


def _lines(rng: random.Random, key: str, run: str) -> tuple[list[tuple[Any, ...]], int]:
    rows, total = [], 0
    for number in range(1, rng.randint(*LINES_PER_INVOICE) + 1):
        category, description, unit = rng.choice(ITEMS)
        quantity, price = rng.randint(100, 40_000), rng.randint(500, 250_000)
        amount = (quantity * price + 50) // 100
        total += amount
        budget = f"{run}-B{BUDGET_NUMBER[category]}"
        tax = rng.choice(VALID_TAX_CODES)
        rows.append(
            (f"{key}-L{number}", key, budget, number, category, description, quantity / 100,
             unit, price / 100, tax, amount / 100)
        )  # fmt: skip
    return rows, total


def _response(
    rng: random.Random, key: str, invoice: tuple[Any, ...], lines: list[tuple[Any, ...]]
) -> tuple[Any, ...]:
    number, status, sent = invoice[2], invoice[6], invoice[15]
    rule = RULES[status]
    correlation = f"{rng.getrandbits(64):016x}"
    request = {
        "correlationId": correlation, "operation": rule.operations[0], "invoiceNumber": number,
        "invoiceDate": invoice[13], "vendorId": invoice[4], "vendorName": invoice[3],
        "poNumber": invoice[5], "projectNumber": "PROJ-001", "currency": "USD",
        "amount": invoice[10], "postingDate": sent[:10],
        "lines": [
            {"lineNumber": line[3], "costCategory": line[4], "amount": line[10],
             "taxCode": line[9]}
            for line in lines
        ],
    }  # fmt: skip
    response = {
        "correlationId": correlation, "invoiceNumber": number, "status": rule.response_status,
        "message": "Invoice created in Infinium", "infiniumDocumentId": rng.randrange(10**7),
    }  # fmt: skip
    error = HOLD if status == "Hold" else (None, None)
    return (
        f"{key}-R1", key, rule.operations[0], json.dumps(request, separators=(",", ":")),
        json.dumps(response, separators=(",", ":")), rule.response_status, error[0], error[1],
        sent, sent,
    )  # fmt: skip


def _invoice(rng: random.Random, index: int, key: str, run: str, total: int) -> tuple[Any, ...]:
    status = STATUSES[index % len(STATUSES)]
    rule = RULES[status]
    vendor = rng.choice(VENDORS)
    ago = rng.randrange(5, 150)
    stamps = [_moment(rng, ago - 2 * n) if has else None for n, has in enumerate(rule.stamps)]
    error = HOLD if status == "Hold" else (None, None)
    return (
        key, f"{run}-P", f"INV-{10_000_000 + index}", vendor.name, vendor.vendor_id,
        f"PO-{rng.randrange(10_000, 100_000)}", status, rule.integration_status, error[0],
        error[1], total / 100, "USD", vendor.payment_terms, DAYS[ago + 3], DAYS[ago - 27],
        *stamps, rng.randint(1, 90), _moment(rng, ago + 3), _moment(rng, ago - 5),
    )  # fmt: skip


def strongest_chunks(count: int, run: str) -> Iterator[Tables]:
    """The invoices, lines and responses of ``count`` invoices, ``CHUNK`` invoices at a time."""
    rng = random.Random(1)
    invoices: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    responses: list[tuple[Any, ...]] = []
    for index in range(count):
        key = f"{run}-I{index:08d}"
        own, total = _lines(rng, key, run)
        invoice = _invoice(rng, index, key, run, total)
        invoices.append(invoice)
        lines.extend(own)
        if RULES[invoice[6]].response_status is not None:
            responses.append(_response(rng, key, invoice, own))
        if len(invoices) == CHUNK or index == count - 1:
            yield invoices, lines, responses
            invoices, lines, responses = [], [], []


def strongest_parents(run: str) -> dict[str, list[tuple[Any, ...]]]:
    created = f"{DAYS[300]} 08:00:00.000000"
    project = (f"{run}-P", "PROJ-001", "Benchmark project", "Hold Busters", "USD", created)
    budgets = [
        (f"{run}-B{n}", f"{run}-P", category, account, description, 1e6, created)
        for n, (category, account, description) in enumerate(BUDGET_CATEGORIES, start=1)
    ]
    return {"projects": [project], "budget_lines": budgets}


CHILDREN = ("invoices", "invoice_lines", "integration_responses")


def _tables(count: int, run: str) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    yield from strongest_parents(run).items()
    for chunk in strongest_chunks(count, run):
        for name, rows in zip(CHILDREN, chunk, strict=True):
            assert len(rows[0]) == len(TABLES[name].columns), name
            yield name, rows


def sqlite_strongest(path: str, count: int) -> int:
    """One process, ``executemany`` per table per 10,000 invoices, one transaction, FKs on."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    written = 0
    for name, rows in _tables(count, "S"):
        marks = ", ".join("?" * len(TABLES[name].columns))
        conn.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
        written += len(rows)
    conn.execute("COMMIT")
    conn.close()
    return written


def copy_strongest(dsn: str, count: int) -> int:
    """The same rows, ``COPY ... FROM STDIN`` with ``write_row``, one transaction."""
    import psycopg

    written = 0
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        for name, rows in _tables(count, "S"):
            with cursor.copy(f"COPY {name} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            written += len(rows)
    return written

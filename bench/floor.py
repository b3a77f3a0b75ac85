"""The first floor: plain-Python generation of dict rows of `seed`'s shape, with ``Decimal`` money,
written by the driver alone (strongest.py is the stronger one).

The rows have the five tables' columns, 2 to 8 lines per invoice and a response for each
invoice but Drafts. The ORM and factory_boy peers build their objects from the same rows.
"""

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from models import TABLES

CHUNK = 5_000
STATUSES = ("Draft", "Submitted", "Approved", "Paid", "Hold")
SPENDING = ("Approved", "Paid")
CATEGORIES = ("Labor", "Materials", "Services")
VENDORS = ("Granite Peak Construction Supply", "Summit Electrical Contractors", "Keystone HVAC")
AS_OF = datetime(2026, 11, 24, 8)
Row = dict[str, Any]


def plain_invoices(count: int, run: str) -> Iterator[tuple[Row, list[Row], Row | None]]:
    """The floor's generator: plain ``random`` draws, no rules, rows of `seed`'s shape."""
    rng = random.Random(1)
    project = f"{run}-P"
    for index in range(count):
        invoice_id = f"{run}-I{index:08d}"
        status = STATUSES[index % len(STATUSES)]
        lines = []
        for number in range(1, rng.randint(2, 8) + 1):
            quantity, price = rng.randint(100, 40_000), rng.randint(500, 250_000)
            category = rng.choice(CATEGORIES)
            lines.append(
                {
                    "id": f"{invoice_id}-L{number}",
                    "invoice_id": invoice_id,
                    "budget_line_id": f"{run}-B{CATEGORIES.index(category) + 1}",
                    "line_number": number,
                    "cost_category": category,
                    "description": f"{category} item {rng.randint(1, 40)}",
                    "quantity": Decimal(quantity).scaleb(-2),
                    "unit_of_measure": "EA",
                    "unit_price": Decimal(price).scaleb(-2),
                    "tax_code": "TX-STD",
                    "line_amount": Decimal((quantity * price + 50) // 100).scaleb(-2),
                }
            )
        created = AS_OF - timedelta(days=rng.randint(5, 150), seconds=rng.randint(0, 30_000))
        submitted = None if status == "Draft" else created + timedelta(days=rng.randint(0, 5))
        total = sum(line["line_amount"] for line in lines)
        invoice = {
            "id": invoice_id,
            "project_id": project,
            "invoice_number": f"INV-{10_000_000 + index}",
            "vendor_name": rng.choice(VENDORS),
            "vendor_id": f"V-{rng.randint(10000, 11999)}",
            "po_number": f"PO-{rng.randint(10000, 99999)}",
            "status": status,
            "integration_status": "Pending" if submitted else "Not Submitted",
            "error_code": "PO_MISMATCH" if status == "Hold" else None,
            "error_message": "PO number mismatch" if status == "Hold" else None,
            "total_amount": total,
            "currency": "USD",
            "payment_terms": "Net 30",
            "invoice_date": created.date(),
            "due_date": created.date() + timedelta(days=30),
            "submitted_at": submitted,
            "approved_at": submitted + timedelta(days=2)
            if status in ("Approved", "Paid")
            else None,
            "paid_at": submitted + timedelta(days=9) if status == "Paid" else None,
            "days_pending": rng.randint(1, 90),
            "created_at": created,
            "updated_at": created + timedelta(hours=4),
        }
        response = None
        if submitted is not None:
            request = {"invoiceNumber": invoice["invoice_number"], "amount": str(total)}
            request["lines"] = [
                {"n": line["line_number"], "amount": str(line["line_amount"])} for line in lines
            ]
            response = {
                "id": f"{invoice_id}-R1",
                "invoice_id": invoice_id,
                "operation": "CREATE",
                "request_payload": json.dumps(request),
                "response_payload": json.dumps({"status": "SUCCESS", "id": rng.getrandbits(32)}),
                "response_status": "SUCCESS",
                "error_code": None,
                "error_details": None,
                "requested_at": submitted + timedelta(minutes=5),
                "responded_at": submitted + timedelta(minutes=5, seconds=1),
            }
        yield invoice, lines, response


def plain_parents(run: str) -> tuple[Row, list[Row]]:
    created = AS_OF - timedelta(days=300)
    project = {
        "id": f"{run}-P",
        "project_number": f"{run}-001",
        "name": "Benchmark project",
        "company": "Hold Busters Construction Co.",
        "currency": "USD",
        "created_at": created,
    }
    budgets = [
        {
            "id": f"{run}-B{number}",
            "project_id": project["id"],
            "cost_category": category,
            "gl_account": f"5{number}00-00",
            "description": f"{category} budget",
            "budget_amount": Decimal("1000000.00"),
            "created_at": created,
        }
        for number, category in enumerate(CATEGORIES, start=1)
    ]
    return project, budgets


def _stored(value: Any) -> Any:
    """Plain conversions to what sqlite3 and COPY take."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, (date, Decimal)):
        return str(value)
    return value


def _chunks(count: int, run: str) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    project, budgets = plain_parents(run)
    tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    tables["projects"].append(tuple(map(_stored, project.values())))
    tables["budget_lines"].extend(tuple(map(_stored, b.values())) for b in budgets)
    for invoice, lines, response in plain_invoices(count, run):
        tables["invoices"].append(tuple(map(_stored, invoice.values())))
        tables["invoice_lines"].extend(tuple(map(_stored, line.values())) for line in lines)
        if response is not None:
            tables["integration_responses"].append(tuple(map(_stored, response.values())))
        if len(tables["invoices"]) == CHUNK:
            yield tables
            tables = {name: [] for name in TABLES}
    yield tables


def sqlite_floor(path: str, count: int) -> int:
    """(a) Plain-Python generation and ``sqlite3.executemany`` in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN")
    rows = 0
    for tables in _chunks(count, "F"):
        for name, values in tables.items():
            marks = ", ".join("?" * len(TABLES[name].columns))
            conn.executemany(f"INSERT INTO {name} VALUES ({marks})", values)
            rows += len(values)
    conn.execute("COMMIT")
    conn.close()
    return rows

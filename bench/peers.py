"""What `seed` is measured against: a plain-Python floor, the ORM unit of work, factory_boy.

Every approach writes rows of the same shape as `seed` (the five tables, 2 to 8 lines per
invoice, a response for each invoice but Drafts) into the same migrated schema, in one
transaction. Each one returns the number of rows it wrote.
"""

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import factory
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy import URL, create_engine, event
from sqlalchemy.orm import Session, registry, relationship

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


def copy_floor(dsn: str, count: int) -> int:
    """PostgreSQL floor: the same generation, ``COPY ... FROM STDIN`` in one transaction."""
    import psycopg

    rows = 0
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        for tables in _chunks(count, "F"):
            for name, values in tables.items():
                with cursor.copy(f"COPY {name} FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
                rows += len(values)
    return rows


class Project:
    pass


class BudgetLine:
    pass


class Invoice:
    pass


class InvoiceLine:
    pass


class IntegrationResponse:
    pass


def _map_with_relationships() -> None:
    """Classes of our tables with relationships, as an ORM application maps them."""
    mapper = registry()
    mapper.map_imperatively(BudgetLine, TABLES["budget_lines"])
    mapper.map_imperatively(InvoiceLine, TABLES["invoice_lines"])
    mapper.map_imperatively(IntegrationResponse, TABLES["integration_responses"])
    mapper.map_imperatively(
        Invoice,
        TABLES["invoices"],
        properties={
            "lines": relationship(InvoiceLine, backref="invoice"),
            "responses": relationship(IntegrationResponse, backref="invoice"),
        },
    )
    mapper.map_imperatively(
        Project,
        TABLES["projects"],
        properties={
            "budget_lines": relationship(BudgetLine),
            "invoices": relationship(Invoice, backref="project"),
        },
    )


def _session(path: str) -> Session:
    engine = create_engine(URL.create("sqlite", database=path))

    @event.listens_for(engine, "connect")
    def _foreign_keys(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    return Session(engine)


def _new(cls: type, values: Row) -> Any:
    obj = cls()
    for key, value in values.items():
        setattr(obj, key, value)
    return obj


def orm_unit_of_work(path: str, count: int) -> int:
    """(b) ORM objects linked by relationships, added to a session, one commit."""
    _map_with_relationships()
    project_row, budget_rows = plain_parents("O")
    rows = 1 + len(budget_rows)
    with _session(path) as session:
        project = _new(Project, project_row)
        project.budget_lines = [_new(BudgetLine, b) for b in budget_rows]
        session.add(project)
        for values, lines, response in plain_invoices(count, "O"):
            del values["project_id"]
            invoice = _new(Invoice, values)
            invoice.project = project
            invoice.lines = [_new(InvoiceLine, {**line, "invoice_id": None}) for line in lines]
            if response is not None:
                invoice.responses = [_new(IntegrationResponse, {**response, "invoice_id": None})]
            rows += 1 + len(lines) + (response is not None)
        session.commit()
    return rows


def _without_keys(row: Row) -> Row:
    """A row's values for a factory, which makes the keys and links itself."""
    return {k: v for k, v in row.items() if k not in ("id", "project_id", "invoice_id")}


def factory_boy(path: str, count: int) -> int:
    """(c) factory_boy ``SQLAlchemyModelFactory`` with sub-factories, one commit."""
    _map_with_relationships()
    session = _session(path)

    class Base(SQLAlchemyModelFactory):  # type: ignore[misc]
        class Meta:
            abstract = True
            sqlalchemy_session = session
            sqlalchemy_session_persistence = None

    class ProjectFactory(Base):
        class Meta:
            model = Project

        id = factory.Sequence(lambda n: f"FB-P{n}")

    class InvoiceFactory(Base):
        class Meta:
            model = Invoice

        id = factory.Sequence(lambda n: f"FB-I{n:08d}")
        project = factory.SubFactory(ProjectFactory)

    class LineFactory(Base):
        class Meta:
            model = InvoiceLine

        invoice = factory.SubFactory(InvoiceFactory)
        id = factory.LazyAttributeSequence(lambda o, n: f"{o.invoice.id}-L{n}")

    class ResponseFactory(Base):
        class Meta:
            model = IntegrationResponse

        invoice = factory.SubFactory(InvoiceFactory)
        id = factory.LazyAttribute(lambda o: f"{o.invoice.id}-R1")

    project_row, budget_rows = plain_parents("FB")
    project = ProjectFactory(**_without_keys(project_row))
    project.budget_lines = [_new(BudgetLine, {**b, "project_id": None}) for b in budget_rows]
    rows = 1 + len(budget_rows)
    for values, lines, response in plain_invoices(count, "FB"):
        invoice = InvoiceFactory(project=project, **_without_keys(values))
        for line in lines:
            LineFactory(invoice=invoice, **_without_keys(line))
        if response is not None:
            ResponseFactory(invoice=invoice, **_without_keys(response))
        rows += 1 + len(lines) + (response is not None)
    session.commit()
    session.close()
    return rows

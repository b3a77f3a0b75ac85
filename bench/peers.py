"""The peers `seed` is measured against: the ORM unit of work and factory_boy.

Both write the floor's rows (see floor.py) into the same migrated schema in one transaction,
and return the number of rows they wrote.
"""

from typing import Any

import factory
from factory.alchemy import SQLAlchemyModelFactory
from floor import Row, plain_invoices, plain_parents
from sqlalchemy import URL, create_engine, event
from sqlalchemy.orm import Session, registry, relationship

from models import TABLES


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

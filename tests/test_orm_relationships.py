"""The models' relationships: both ways, ordered, lazy, and no change to the schema."""

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from models import BudgetLine, IntegrationResponse, Invoice, InvoiceLine, Project
from seed.factories import InvoiceFactory


def _statements(session: Session) -> list[str]:
    seen: list[str] = []
    event.listen(
        session.get_bind(),
        "before_cursor_execute",
        lambda *args: seen.append(args[2]) if args[2].startswith("SELECT") else None,
    )
    return seen


def test_relationships_both_ways_after_a_reload(db_session: Session) -> None:
    first_id = InvoiceFactory.create_batch(db_session, 5, status="Paid")[0].id
    db_session.commit()
    db_session.expunge_all()
    invoice = db_session.get(Invoice, first_id)
    assert invoice is not None
    project = invoice.project
    assert isinstance(project, Project)
    assert invoice in project.invoices and len(project.invoices) == 5
    assert [line.line_number for line in invoice.lines] == list(range(1, len(invoice.lines) + 1))
    assert all(line.invoice is invoice for line in invoice.lines)
    for line in invoice.lines:
        budget = line.budget_line
        assert isinstance(budget, BudgetLine)
        assert budget.project is project and line in budget.invoice_lines
        assert budget.cost_category == line.cost_category
    (response,) = invoice.integration_responses
    assert isinstance(response, IntegrationResponse) and response.invoice is invoice
    assert {b.cost_category for b in project.budget_lines} == {
        "Labor",
        "Materials",
        "Services",
        "Equipment",
        "Subcontractors",
    }


def test_unbudgeted_line_has_no_budget_line(db_session: Session) -> None:
    hold = InvoiceFactory.create(db_session, hold_reason="budget-line-not-found")
    assert [line for line in hold.lines if line.budget_line is None]


def test_responses_in_request_order(db_session: Session) -> None:
    invoice = InvoiceFactory.create(db_session, status="Submitted")
    db_session.commit()
    db_session.expire_all()
    times = [r.requested_at for r in invoice.integration_responses]
    assert times == sorted(times) and len(times) == 1


def test_loading_invoices_loads_nothing_else_until_asked(db_session: Session) -> None:
    """lazy="select": a list of invoices is one query; children come only when asked for, in
    one query per relationship with selectinload (no N+1)."""
    InvoiceFactory.create_batch(db_session, 10)
    db_session.commit()
    db_session.expunge_all()
    seen = _statements(db_session)
    invoices = db_session.scalars(select(Invoice)).all()
    assert len(seen) == 1 and len(invoices) == 10
    db_session.expunge_all()
    seen.clear()
    loaded = db_session.scalars(
        select(Invoice).options(
            selectinload(Invoice.lines).selectinload(InvoiceLine.budget_line),
            selectinload(Invoice.integration_responses),
        )
    ).all()
    assert sum(len(i.lines) for i in loaded) > 10
    assert sum(len(i.integration_responses) for i in loaded) == 8
    assert len(seen) == 4

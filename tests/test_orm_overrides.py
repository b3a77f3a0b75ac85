"""ORM factories: every override and trait is honoured with every invariant kept, or refused."""

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import URL, inspect
from sqlalchemy.orm import Session

from models import Invoice
from seed.db.engine import make_engine
from seed.domain.holds import HOLD_REASONS
from seed.domain.statuses import STATUSES
from seed.domain.vendors import PAYMENT_TERM_DAYS
from seed.factories import InvoiceFactory, ProjectFactory
from tests.helpers import read_tables
from tests.support import migrate

AS_OF = date(2026, 11, 24)
REASONS = [s.option_name for s in HOLD_REASONS]


def columns(invoice: Invoice) -> dict[str, object]:
    return {c.key: getattr(invoice, c.key) for c in inspect(Invoice).columns}


def check_invariants(invoice: Invoice) -> None:
    """What a dashboard relies on, read from the objects (verify checks the stored rows)."""
    assert sum(line.line_amount for line in invoice.lines) == invoice.total_amount
    for line in invoice.lines:
        assert abs(line.quantity * line.unit_price - line.line_amount) <= Decimal("0.005")
    responses = invoice.integration_responses
    assert len(responses) == (0 if invoice.status == "Draft" else 1)
    for response in responses:
        request = response.request_payload
        assert request["invoiceNumber"] == invoice.invoice_number
        assert Decimal(request["amount"]) == invoice.total_amount
        assert response.error_code == invoice.error_code
    assert invoice.due_date == invoice.invoice_date + timedelta(
        days=PAYMENT_TERM_DAYS[invoice.payment_terms]
    )


def test_build_attaches_project_budget_lines_lines_and_responses() -> None:
    invoice = InvoiceFactory.build(status="Approved", as_of=AS_OF)
    assert inspect(invoice).transient
    assert invoice.project.project_number == "PROJ-001"
    assert len(invoice.project.budget_lines) == 5
    assert invoice.project.invoices == [invoice]
    assert 2 <= len(invoice.lines) <= 8
    check_invariants(invoice)


@pytest.mark.parametrize("status", STATUSES)
def test_status(db_session: Session, status: str) -> None:
    invoice = InvoiceFactory.create(db_session, status=status, as_of=AS_OF)
    assert invoice.status == status
    check_invariants(invoice)


@pytest.mark.parametrize("reason", REASONS)
def test_hold_reason_brings_its_defect_and_response(db_session: Session, reason: str) -> None:
    hold = InvoiceFactory.create(db_session, hold_reason=reason, lines=3, as_of=AS_OF)
    code = reason.upper().replace("-", "_")
    assert (hold.status, hold.error_code, hold.integration_status) == ("Hold", code, "Error")
    assert len(hold.lines) == 3
    (response,) = hold.integration_responses
    assert response.response_status == "ERROR"
    assert response.response_payload["errors"][0]["code"] == code
    check_invariants(hold)


def test_po_mismatch_shows_both_pos(db_session: Session) -> None:
    hold = InvoiceFactory.create(db_session, hold_reason="po-mismatch", po_number="PO-12345")
    request = hold.integration_responses[0].request_payload
    assert hold.po_number == "PO-12345" and request["poNumber"] != "PO-12345"
    assert "Expected PO-12345" in (hold.error_message or "")


def test_duplicate_hold_comes_with_the_paid_invoice_it_repeats(db_session: Session) -> None:
    hold = InvoiceFactory.create(db_session, hold_reason="duplicate-invoice", total_amount="980.10")
    twin_number = hold.integration_responses[0].response_payload["errors"][0]["duplicateOf"]
    (twin,) = [i for i in hold.project.invoices if i.invoice_number == twin_number]
    assert twin.status == "Paid" and twin.total_amount == hold.total_amount == Decimal("980.10")
    assert (twin.vendor_id, twin.po_number) == (hold.vendor_id, hold.po_number)


@pytest.mark.parametrize(
    ("total", "lines"), [("0.03", 3), ("1234.56", 1), ("49999.99", 8), ("12.34", 12)]
)
def test_total_split_over_the_lines_to_the_cent(
    db_session: Session, total: str, lines: int
) -> None:
    invoice = InvoiceFactory.create(db_session, status="Paid", total_amount=total, lines=lines)
    assert invoice.total_amount == Decimal(total) and len(invoice.lines) == lines
    assert all(line.line_amount > 0 for line in invoice.lines)
    check_invariants(invoice)


def test_total_above_the_limit_with_the_approval_limit_reason(db_session: Session) -> None:
    hold = InvoiceFactory.create(
        db_session, hold_reason="approval-limit-exceeded", total_amount=Decimal("75000.00")
    )
    assert hold.total_amount == Decimal("75000.00")
    assert "$75,000.00 exceeds the $50,000.00 limit" in (hold.error_message or "")


def test_columns_the_generator_takes(db_session: Session) -> None:
    invoice = InvoiceFactory.create(
        db_session,
        status="Submitted",
        vendor_name="Acme Scaffolding",
        vendor_id="V-55555",
        payment_terms="Net 60",
        po_number="PO-777",
        invoice_number="INV-TEST-1",
        currency="CAD",
        id="MY-INVOICE",
    )
    assert (invoice.vendor_name, invoice.vendor_id, invoice.payment_terms) == (
        "Acme Scaffolding",
        "V-55555",
        "Net 60",
    )
    assert (invoice.po_number, invoice.invoice_number, invoice.currency) == (
        "PO-777",
        "INV-TEST-1",
        "CAD",
    )
    assert invoice.id == "MY-INVOICE" and invoice.lines[0].id == "MY-INVOICE-L1"
    request = invoice.integration_responses[0].request_payload
    assert (request["vendorId"], request["poNumber"], request["currency"]) == (
        "V-55555",
        "PO-777",
        "CAD",
    )
    check_invariants(invoice)


@pytest.mark.parametrize("status", STATUSES)
def test_invoice_date_moves_the_whole_timeline(db_session: Session, status: str) -> None:
    day = date(2025, 3, 14)
    invoice = InvoiceFactory.create(db_session, status=status, invoice_date=day, as_of=AS_OF)
    assert invoice.invoice_date == day
    stamps = [invoice.submitted_at, invoice.approved_at, invoice.paid_at]
    present = [s for s in stamps if s is not None]
    assert present == sorted(present) and all(s.date() >= day for s in present)
    assert invoice.created_at.date() == day
    check_invariants(invoice)


def test_derived_columns_are_accepted_when_they_agree(db_session: Session) -> None:
    invoice = InvoiceFactory.create(db_session, status="Hold", integration_status="Error")
    assert invoice.integration_status == "Error"


def test_project_given_and_project_reused_by_number(db_session: Session) -> None:
    mine = ProjectFactory.create(db_session, project_number="PROJ-900", name="Airport Terminal B")
    invoice = InvoiceFactory.create(db_session, project=mine)
    assert invoice.project is mine and invoice.currency == mine.currency
    again = InvoiceFactory.create(db_session, project_number="PROJ-900")
    by_id = InvoiceFactory.create(db_session, project_id=mine.id)
    assert again.project is mine and by_id.project is mine
    other = InvoiceFactory.create(db_session)
    assert other.project.project_number == "PROJ-001"
    assert len({i.id for i in (invoice, again, by_id, other)}) == 4


def test_batch_keeps_going_where_the_last_call_ended(db_session: Session) -> None:
    first = InvoiceFactory.create_batch(db_session, 3)
    second = InvoiceFactory.create_batch(db_session, 3)
    statuses = [i.status for i in first + second]
    assert statuses == ["Draft", "Submitted", "Approved", "Paid", "Hold", "Draft"]
    assert len({i.invoice_number for i in first + second}) == 6


def test_same_seed_and_overrides_same_objects() -> None:
    state = random.getstate()
    one = InvoiceFactory.build_batch(6, seed=11, as_of=AS_OF, total_amount="500.00")
    random.seed(99)
    two = InvoiceFactory.build_batch(6, seed=11, as_of=AS_OF, total_amount="500.00")
    assert [columns(i) for i in one] == [columns(i) for i in two]
    other = InvoiceFactory.build_batch(6, seed=12, as_of=AS_OF, total_amount="500.00")
    assert [columns(i) for i in one] != [columns(i) for i in other]
    random.setstate(state)


def test_same_calls_in_two_fresh_databases_give_the_same_rows(
    tmp_path: Path, sqlite_url: URL
) -> None:
    second = sqlite_url.set(database=str(tmp_path / "second.db"))
    migrate(second)
    for url in (sqlite_url, second):
        engine = make_engine(url)
        with Session(engine) as session:
            InvoiceFactory.create_batch(session, 7, seed=3, as_of=AS_OF)
            InvoiceFactory.create(session, hold_reason="duplicate-invoice", seed=3, as_of=AS_OF)
            session.commit()
        engine.dispose()
    assert read_tables(sqlite_url) == read_tables(second)


def test_a_project_number_is_never_made_twice(db_session: Session) -> None:
    first = ProjectFactory.create(db_session)
    second = ProjectFactory.create(db_session)
    assert (first.project_number, second.project_number) == ("PROJ-001", "PROJ-002")
    with pytest.raises(ValueError, match="project_number='PROJ-001' exists: pass project="):
        ProjectFactory.create(db_session, project_number="PROJ-001")

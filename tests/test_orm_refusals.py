"""ORM factories refuse, with a clear ValueError, what they cannot make true."""

from datetime import date

import pytest

from seed.factories import InvoiceFactory, ProjectFactory

CASES = [
    ({"status": "Draft", "hold_reason": "po-mismatch"}, "only a Hold invoice has a hold reason"),
    ({"status": "Paid", "error_code": "PO_MISMATCH"}, "only a Hold invoice has a hold reason"),
    ({"hold_reason": "po-mismatch", "error_code": "ERP_TIMEOUT"}, "different reasons"),
    ({"hold_reason": "lost-in-the-mail"}, "unknown hold reason 'lost-in-the-mail'"),
    ({"status": "Rejected"}, "unknown status 'Rejected'"),
    ({"colour": "red"}, "unknown override colour"),
    ({"total_amount": "60000.00"}, "above the approval limit"),
    ({"hold_reason": "approval-limit-exceeded", "total_amount": "100"}, "above the approval"),
    ({"total_amount": "0.02", "lines": 3}, "cannot be split over 3 lines"),
    ({"total_amount": "12.345"}, "whole cents"),
    ({"total_amount": "abc"}, "is not an amount"),
    ({"lines": 0}, "lines=0 must be a whole number from 1"),
    ({"payment_terms": "Net 90"}, "payment_terms='Net 90': choose from"),
    ({"status": "Hold", "integration_status": "Success"}, "it follows from status"),
    ({"status": "Hold", "error_message": "oops"}, "the hold reason writes it"),
    ({"status": "Paid", "due_date": "2026-01-01"}, "pass payment_terms="),
    ({"status": "Draft", "days_pending": 40}, "drawn within the status's range"),
    ({"hold_reason": "vendor-not-found", "vendor_id": "V-10231"}, "another vendor id"),
    (
        {"hold_reason": "gl-period-closed", "invoice_date": date(2026, 6, 15)},
        "the hold reason dates the invoice itself",
    ),
    ({"seed": -1}, "seed=-1 must be a whole number"),
    ({"project_id": "P-1"}, "project_id= needs a session"),
]


@pytest.mark.parametrize(("overrides", "message"), CASES)
def test_impossible_override_is_refused(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        InvoiceFactory.build(**overrides)  # type: ignore[arg-type]


def test_batch_refuses_one_invoice_names() -> None:
    with pytest.raises(ValueError, match="name one invoice"):
        InvoiceFactory.build_batch(2, invoice_number="INV-1")
    with pytest.raises(ValueError, match="at least one invoice"):
        InvoiceFactory.build_batch(0)


def test_project_refusals() -> None:
    with pytest.raises(ValueError, match="unknown override id for a project"):
        ProjectFactory.build(id="P-1")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="--project-number must not be empty"):
        ProjectFactory.build(project_number=" ")


def test_project_and_another_project_id() -> None:
    project = ProjectFactory.build()
    with pytest.raises(ValueError, match="is not the id of project="):
        InvoiceFactory.build(project=project, project_id="nope")

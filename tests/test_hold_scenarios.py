"""Each Hold reason's defect is in the database rows themselves (read back, not the factories)."""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import URL

from seed.domain.holds import HOLD_REASONS
from tests.helpers import read_tables
from tests.scenario_data import seed_every_scenario

Rows = dict[str, list[dict[str, Any]]]


class Story:
    """One Hold invoice with everything the database says about it."""

    def __init__(self, rows: Rows, invoice: dict[str, Any]) -> None:
        self.rows = rows
        self.invoice = invoice
        self.message: str = invoice["error_message"]
        log = [r for r in rows["integration_responses"] if r["invoice_id"] == invoice["id"]]
        self.log = sorted(log, key=lambda r: r["requested_at"])
        # The latest attempt agrees with the invoice; a Hold sent more than once failed alike.
        self.response = self.log[-1]
        assert all(r["error_code"] == invoice["error_code"] for r in self.log)
        self.request: dict[str, Any] = self.response["request_payload"]
        (self.error,) = self.response["response_payload"]["errors"]
        self.lines = [line for line in rows["invoice_lines"] if line["invoice_id"] == invoice["id"]]
        (self.project,) = [p for p in rows["projects"] if p["id"] == invoice["project_id"]]

    def line(self, number: int) -> dict[str, Any]:
        (found,) = [line for line in self.lines if line["line_number"] == number]
        return found

    def accepted_invoices(self) -> list[dict[str, Any]]:
        return [i for i in self.rows["invoices"] if i["integration_status"] == "Success"]


def _money_text(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def vendor_not_found(s: Story) -> None:
    vendor_id = s.invoice["vendor_id"]
    assert s.request["vendorId"] == vendor_id == s.error["value"]
    assert s.error["field"] == "vendorId"
    assert f"Vendor ID {vendor_id} not found" in s.message
    assert vendor_id not in {i["vendor_id"] for i in s.accepted_invoices()}


def budget_line_not_found(s: Story) -> None:
    line = s.line(s.error["lineNumber"])
    category = line["cost_category"]
    assert s.error["value"] == category and line["budget_line_id"] is None
    budgeted = {
        b["cost_category"]
        for b in s.rows["budget_lines"]
        if b["project_id"] == s.invoice["project_id"]
    }
    assert category not in budgeted
    assert f"'{category}'" in s.message and s.project["project_number"] in s.message
    assert all(other["budget_line_id"] for other in s.lines if other is not line)


def po_mismatch(s: Story) -> None:
    sent, recorded = s.request["poNumber"], s.invoice["po_number"]
    assert sent != recorded
    assert s.message == f"PO number mismatch: Expected {recorded}, received {sent}"
    assert (s.error["value"], s.error["expected"]) == (sent, recorded)


def approval_limit_exceeded(s: Story) -> None:
    total, limit = s.invoice["total_amount"], Decimal(s.error["limit"])
    assert total > limit
    assert _money_text(total) in s.message and _money_text(limit) in s.message
    assert Decimal(s.error["value"]) == total


def duplicate_invoice(s: Story) -> None:
    twins = [
        i
        for i in s.rows["invoices"]
        if i["invoice_number"] == s.error["duplicateOf"] and i["id"] != s.invoice["id"]
    ]
    assert len(twins) == 1
    (twin,) = twins
    for key in ("vendor_id", "vendor_name", "project_id", "po_number", "total_amount"):
        assert twin[key] == s.invoice[key], key
    assert 0 <= (s.invoice["invoice_date"] - twin["invoice_date"]).days <= 3
    assert twin["invoice_number"] in s.message
    assert twin["submitted_at"] < s.invoice["submitted_at"]
    # Resent as vendors do: the same number written differently, never the same text.
    number = twin["invoice_number"]
    assert s.invoice["invoice_number"] != number
    assert number.split("-", 1)[1] in s.invoice["invoice_number"]


def gl_period_closed(s: Story) -> None:
    posted = s.request["postingDate"]
    assert posted == s.invoice["invoice_date"].isoformat()
    sent: datetime = s.response["requested_at"]
    assert posted[:7] < sent.strftime("%Y-%m")
    assert f"GL period {posted[:7]} is closed" in s.message


def invalid_tax_code(s: Story) -> None:
    line = s.line(s.error["lineNumber"])
    code = line["tax_code"]
    assert s.error["value"] == code
    accepted = {i["id"] for i in s.accepted_invoices()}
    accepted_codes = {x["tax_code"] for x in s.rows["invoice_lines"] if x["invoice_id"] in accepted}
    assert code not in accepted_codes
    assert f"Invalid tax code {code} on line {line['line_number']}" in s.message


def erp_timeout(s: Story) -> None:
    took = (s.response["responded_at"] - s.response["requested_at"]).total_seconds()
    assert took >= s.error["attempts"] * s.error["timeoutSeconds"]
    others = [
        (r["responded_at"] - r["requested_at"]).total_seconds()
        for r in s.rows["integration_responses"]
        if r["error_code"] != "ERP_TIMEOUT"
    ]
    assert max(others) < s.error["timeoutSeconds"]
    assert f"after {s.error['attempts']} attempts" in s.message


DEFECTS: dict[str, Callable[[Story], None]] = {
    "VENDOR_NOT_FOUND": vendor_not_found,
    "BUDGET_LINE_NOT_FOUND": budget_line_not_found,
    "PO_MISMATCH": po_mismatch,
    "APPROVAL_LIMIT_EXCEEDED": approval_limit_exceeded,
    "DUPLICATE_INVOICE": duplicate_invoice,
    "GL_PERIOD_CLOSED": gl_period_closed,
    "INVALID_TAX_CODE": invalid_tax_code,
    "ERP_TIMEOUT": erp_timeout,
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> Rows:
    from tests.support import migrate

    url = URL.create("sqlite", database=str(tmp_path_factory.mktemp("holds") / "holds.db"))
    migrate(url)
    seed_every_scenario(url)
    return read_tables(url)


def test_every_scenario_has_a_defect_test() -> None:
    assert set(DEFECTS) == {s.code for s in HOLD_REASONS}


@pytest.mark.parametrize("code", list(DEFECTS))
def test_the_defect_is_in_the_rows(rows: Rows, code: str) -> None:
    holds = [i for i in rows["invoices"] if i["error_code"] == code]
    assert len(holds) >= 2
    for invoice in holds:
        assert invoice["status"] == "Hold"
        DEFECTS[code](Story(rows, invoice))


@pytest.mark.parametrize("code", list(DEFECTS))
def test_requests_carry_the_invoice_except_the_defect(rows: Rows, code: str) -> None:
    projects = {p["id"]: p["project_number"] for p in rows["projects"]}
    for invoice in (i for i in rows["invoices"] if i["error_code"] == code):
        story = Story(rows, invoice)
        expected = {
            "invoiceNumber": invoice["invoice_number"],
            "invoiceDate": invoice["invoice_date"].isoformat(),
            "vendorId": invoice["vendor_id"],
            "vendorName": invoice["vendor_name"],
            "poNumber": invoice["po_number"],
            "projectNumber": projects[invoice["project_id"]],
            "amount": str(invoice["total_amount"]),
            "postingDate": story.response["requested_at"].date().isoformat(),
        }
        differing = {k for k, v in expected.items() if story.request[k] != v}
        allowed = {"PO_MISMATCH": {"poNumber"}, "GL_PERIOD_CLOSED": {"postingDate"}}
        assert differing == allowed.get(code, set())
        assert [
            (x["lineNumber"], x["costCategory"], x["amount"], x["taxCode"])
            for x in story.request["lines"]
        ] == [
            (x["line_number"], x["cost_category"], str(x["line_amount"]), x["tax_code"])
            for x in sorted(story.lines, key=lambda x: x["line_number"])
        ]
        assert story.response["response_payload"]["invoiceNumber"] == invoice["invoice_number"]
        assert story.response["operation"] in ("VALIDATE", "CREATE")


def test_only_approval_limit_holds_are_above_the_limit(rows: Rows) -> None:
    limit = Decimal("50000.00")
    above = {i["error_code"] for i in rows["invoices"] if i["total_amount"] > limit}
    assert above == {"APPROVAL_LIMIT_EXCEEDED"}

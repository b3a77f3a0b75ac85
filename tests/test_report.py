"""`seed report`: the Error Analysis view and the drill-down show the database's own facts."""

import json
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import URL

from tests.helpers import read_tables
from tests.scenario_data import seed_every_scenario
from tests.support import url_arg


@pytest.fixture
def seeded(db_url: URL) -> URL:
    seed_every_scenario(db_url, per_status=5)
    return db_url


def _row(out: str, first_cell: str) -> list[str]:
    """The cells of the table row that begins with ``first_cell``."""
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in:\n{out}")


def test_overview_counts_and_amounts_per_status_and_hold_reason(seeded: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--database-url", url_arg(seeded))
    assert result.code == 0, result.err
    invoices = read_tables(seeded)["invoices"]
    for status, count in Counter(i["status"] for i in invoices).items():
        amount = sum((i["total_amount"] for i in invoices if i["status"] == status), Decimal(0))
        cells = _row(result.out, status)
        assert cells[2:4] == [f"{count:,}", f"{amount:,.2f}"]
    holds = [i for i in invoices if i["status"] == "Hold"]
    for code, count in Counter(i["error_code"] for i in holds).items():
        group = [i for i in holds if i["error_code"] == code]
        days = [i["days_pending"] for i in group]
        cells = _row(result.out, code)
        assert cells[2] == f"{count:,}"
        assert cells[3] == f"{sum(i['total_amount'] for i in group):,.2f}"
        assert cells[4:6] == [f"{sum(days) / len(days):.1f}", str(max(days))]
    assert "Budget line not found" in result.out and "Duplicate invoice detected" in result.out


def test_drill_down_by_number_shows_lines_and_both_payloads(seeded: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    rows = read_tables(seeded)
    invoice = next(i for i in rows["invoices"] if i["error_code"] == "PO_MISMATCH")
    result = run_cli(
        "report",
        "--database-url",
        url_arg(seeded),
        "--invoice",
        invoice["invoice_number"],
        "--wide",
    )
    assert result.code == 0, result.err
    assert _row(result.out, "id")[1] == invoice["id"]
    assert invoice["error_message"] in result.out
    for line in (x for x in rows["invoice_lines"] if x["invoice_id"] == invoice["id"]):
        assert _row(result.out, str(line["line_number"]))[7] == str(line["line_amount"])
    (response,) = [r for r in rows["integration_responses"] if r["invoice_id"] == invoice["id"]]
    request_text, response_text = result.out.split("Request:\n")[1].split("Response:\n")
    assert json.loads(request_text) == response["request_payload"]
    assert json.loads(response_text) == response["response_payload"]
    assert '  "poNumber": ' in request_text  # pretty-printed, one key a line


def test_drill_down_by_id_of_a_draft_says_it_was_never_sent(seeded: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    draft = next(i for i in read_tables(seeded)["invoices"] if i["status"] == "Draft")
    result = run_cli("report", "--database-url", url_arg(seeded), "-i", draft["id"])
    assert result.code == 0, result.err
    assert "never sent to Infinium" in result.out and "Request:" not in result.out


def test_unknown_invoice_is_one_line_error(seeded: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--database-url", url_arg(seeded), "--invoice", "INV-0")
    assert result.code == 1
    assert result.err == "error: no invoice has the id or invoice number 'INV-0'\n"


@pytest.mark.parametrize("command", ["verify", "report"])
def test_help_has_an_example(run_cli, command: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(command, "--help")
    assert result.code == 0 and f"Example: seed {command}" in result.out

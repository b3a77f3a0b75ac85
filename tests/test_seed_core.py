"""The core job: `seed` fills the five tables with related, rule-abiding data (SQLite, PG)."""

from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, text

from models import TABLES
from seed.domain.catalog import BUDGET_UTILISATION
from seed.domain.statuses import RULES, SPENDING_STATUSES, STATUSES
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.helpers import read_tables, strip_run
from tests.support import url_arg

AS_OF = date(2026, 11, 24)


def seed(url: URL, run_id: str = "RUNA", **kwargs: object):  # type: ignore[no-untyped-def]
    options = SeedOptions(seed=int(kwargs.pop("seed", 7)), as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
    return seed_run(url, options, RunSettings(run_id))


def test_per_status_2_gives_the_seed_md_counts(db_url: URL) -> None:
    report = seed(db_url)
    rows = read_tables(db_url)
    assert len(rows["projects"]) == 1
    assert len(rows["budget_lines"]) == 5
    assert len(rows["invoices"]) == 10
    assert Counter(i["status"] for i in rows["invoices"]) == {s: 2 for s in STATUSES}
    assert len(rows["integration_responses"]) == 8
    assert 20 <= len(rows["invoice_lines"]) <= 80
    assert dict(report.result.rows) == {name: len(r) for name, r in rows.items()}


@pytest.mark.parametrize("per_status", [0, 1, 7])
def test_other_counts(sqlite_url: URL, per_status: int) -> None:
    seed(sqlite_url, per_status=per_status)
    rows = read_tables(sqlite_url)
    assert len(rows["projects"]) == 1 and len(rows["budget_lines"]) == 5
    assert len(rows["invoices"]) == 5 * per_status
    assert len(rows["integration_responses"]) == 4 * per_status


def test_status_filter(sqlite_url: URL) -> None:
    seed(sqlite_url, per_status=3, statuses=("Paid", "Hold"))
    statuses = Counter(i["status"] for i in read_tables(sqlite_url)["invoices"])
    assert statuses == {"Paid": 3, "Hold": 3}


def test_lines_sum_to_the_cent_and_respect_quantity_times_price(db_url: URL) -> None:
    seed(db_url, per_status=20)
    rows = read_tables(db_url)
    by_invoice: dict[str, list[dict[str, object]]] = {}
    for line in rows["invoice_lines"]:
        by_invoice.setdefault(line["invoice_id"], []).append(line)
    for invoice in rows["invoices"]:
        lines = by_invoice[invoice["id"]]
        assert 2 <= len(lines) <= 8
        assert sum(line["line_amount"] for line in lines) == invoice["total_amount"]
        assert isinstance(invoice["total_amount"], Decimal)
        for line in lines:
            product = (line["quantity"] * line["unit_price"]).quantize(
                Decimal("0.01"), "ROUND_HALF_UP"
            )
            assert product == line["line_amount"]
        assert sorted(line["line_number"] for line in lines) == list(range(1, len(lines) + 1))


def test_every_foreign_key_resolves(sqlite_url: URL) -> None:
    seed(sqlite_url, per_status=10)
    seed(sqlite_url, run_id="RUNB", per_status=10)
    engine = create_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()


def test_per_status_rules(db_url: URL) -> None:
    seed(db_url, per_status=30)
    rows = read_tables(db_url)
    responses = {r["invoice_id"]: r for r in rows["integration_responses"]}
    for invoice in rows["invoices"]:
        rule = RULES[invoice["status"]]
        assert invoice["integration_status"] == rule.integration_status
        if rule.days_pending is not None:
            low, high = rule.days_pending
            assert low <= invoice["days_pending"] <= high, invoice
        response = responses.get(invoice["id"])
        if invoice["status"] == "Draft":
            assert response is None
            assert invoice["submitted_at"] is None
        else:
            assert response is not None
            assert response["operation"] in ("CREATE", "UPDATE", "VALIDATE")
            assert response["response_status"] == rule.response_status
            request = response["request_payload"]
            for key in ("vendorId", "vendorName", "poNumber", "amount", "invoiceNumber"):
                assert key in request
            assert response["requested_at"] < response["responded_at"]
        if invoice["status"] == "Hold":
            assert invoice["error_message"] and invoice["error_code"]
            assert response["error_code"] == invoice["error_code"]
            assert response["error_details"]
            assert response["response_payload"]["status"] == "ERROR"
        else:
            assert invoice["error_message"] is None and invoice["error_code"] is None
            if response is not None:
                assert response["error_code"] is None and response["error_details"] is None


def test_dates_are_ordered_and_days_pending_is_calculated(sqlite_url: URL) -> None:
    seed(sqlite_url, per_status=40)
    end_of_as_of = datetime.combine(AS_OF + timedelta(days=1), datetime.min.time())
    for invoice in read_tables(sqlite_url)["invoices"]:
        moments = [invoice["submitted_at"], invoice["approved_at"], invoice["paid_at"]]
        present = [m for m in moments if m is not None]
        assert invoice["invoice_date"] <= (present[0].date() if present else AS_OF)
        assert present == sorted(present)
        assert all(m < end_of_as_of for m in present)
        assert invoice["created_at"] <= invoice["updated_at"] < end_of_as_of
        if invoice["status"] == "Approved":
            assert (
                invoice["days_pending"]
                == (invoice["approved_at"].date() - invoice["submitted_at"].date()).days
            )
        if invoice["status"] == "Paid":
            assert (
                invoice["days_pending"]
                == (invoice["paid_at"].date() - invoice["submitted_at"].date()).days
            )


def test_seed_md_error_catalogue_is_filled_from_the_invoice(sqlite_url: URL) -> None:
    seed(sqlite_url, per_status=60, statuses=("Paid", "Hold"))
    invoices = read_tables(sqlite_url)["invoices"]
    holds = [i for i in invoices if i["status"] == "Hold"]
    prefixes = {
        "VENDOR_NOT_FOUND": "Vendor validation failed: Vendor ID",
        "BUDGET_LINE_NOT_FOUND": "Budget line not found for cost category",
        "PO_MISMATCH": "PO number mismatch: Expected",
        "APPROVAL_LIMIT_EXCEEDED": "Approval limit exceeded: Invoice amount",
        "DUPLICATE_INVOICE": "Duplicate invoice detected: Similar invoice",
    }
    seen = {i["error_code"] for i in holds}
    assert set(prefixes) <= seen
    for invoice in holds:
        if invoice["error_code"] in prefixes:
            assert invoice["error_message"].startswith(prefixes[invoice["error_code"]])
        if invoice["error_code"] == "VENDOR_NOT_FOUND":
            assert invoice["vendor_id"] in invoice["error_message"]
        if invoice["error_code"] == "PO_MISMATCH":
            assert f"Expected {invoice['po_number']}," in invoice["error_message"]


def test_same_seed_gives_the_same_content(
    tmp_path: pytest.TempPathFactory, sqlite_url: URL
) -> None:
    from tests.support import migrate

    other = URL.create("sqlite", database=str(sqlite_url.database).replace("holdbusters", "other"))
    migrate(other)
    seed(sqlite_url, run_id="RUNA", seed=11, per_status=5)
    seed(other, run_id="RUNB", seed=11, per_status=5)
    assert strip_run(read_tables(sqlite_url), "RUNA") == strip_run(read_tables(other), "RUNB")


def test_different_seeds_give_different_content(sqlite_url: URL) -> None:
    seed(sqlite_url, run_id="RUNA", seed=1, per_status=3)
    seed(sqlite_url, run_id="RUNB", seed=2, per_status=3, project_number="PROJ-002")
    invoices = read_tables(sqlite_url)["invoices"]
    totals_a = [i["total_amount"] for i in invoices if i["id"].startswith("RUNA-")]
    totals_b = [i["total_amount"] for i in invoices if i["id"].startswith("RUNB-")]
    assert totals_a != totals_b


def test_second_run_adds_data_and_reuses_the_project(db_url: URL) -> None:
    first = seed(db_url, run_id="RUNA")
    second = seed(db_url, run_id="RUNB", seed=8)
    rows = read_tables(db_url)
    assert len(rows["projects"]) == 1
    assert len(rows["budget_lines"]) == 5
    assert len(rows["invoices"]) == 20
    assert second.result.project_reused and not first.result.project_reused
    assert {i["project_id"] for i in rows["invoices"]} == {"RUNA-P"}
    budget_ids = {b["id"] for b in rows["budget_lines"]}
    assert {line["budget_line_id"] for line in rows["invoice_lines"]} - {None} <= budget_ids
    assert second.result.rows["projects"] == 0


def test_budgets_end_each_run_at_their_category_s_target_utilisation(sqlite_url: URL) -> None:
    """Every category gets spend; each budget line is sized to its category's target share
    (rounded up to whole thousands), so Materials and Subcontractors run over budget; a second
    run into the same project only raises budgets, never above the target."""
    for run_id, seed_value in (("RUNA", 3), ("RUNB", 9)):
        seed(sqlite_url, run_id=run_id, per_status=50, seed=seed_value)
        rows = read_tables(sqlite_url)
        status = {i["id"]: i["status"] for i in rows["invoices"]}
        spend: Counter[str] = Counter()
        for line in rows["invoice_lines"]:
            if line["budget_line_id"] and status[line["invoice_id"]] in SPENDING_STATUSES:
                spend[line["budget_line_id"]] += Decimal(str(line["line_amount"]))
        used = {}
        for budget in rows["budget_lines"]:
            amount = Decimal(str(budget["budget_amount"]))
            used[budget["cost_category"]] = float(spend[budget["id"]] / amount)
        assert set(used) == set(BUDGET_UTILISATION)
        for category, target in BUDGET_UTILISATION.items():
            assert target - 0.05 <= used[category] <= target + 1e-9, (category, used[category])
    assert {c for c, share in used.items() if share > 1} == {"Materials", "Subcontractors"}


def test_injected_failure_leaves_the_file_byte_for_byte_unchanged(sqlite_url: URL) -> None:
    seed(sqlite_url, run_id="RUNA")
    path = sqlite_url.database
    before = Path(path).read_bytes()

    def explode(_connection: object) -> None:
        raise RuntimeError("injected failure after every insert")

    options = SeedOptions(seed=3, as_of=AS_OF, per_status=50)
    with pytest.raises(RuntimeError):
        seed_run(sqlite_url, options, RunSettings("RUNB", before_commit=explode))
    assert Path(path).read_bytes() == before


@pytest.mark.postgres
def test_injected_failure_rolls_back_on_postgresql(pg_url: URL) -> None:
    seed(pg_url, run_id="RUNA")
    before = read_tables(pg_url)

    def explode(_connection: object) -> None:
        raise RuntimeError("injected")

    with pytest.raises(RuntimeError):
        seed_run(
            pg_url,
            SeedOptions(seed=3, as_of=AS_OF, per_status=20),
            RunSettings("RUNB", before_commit=explode),
        )
    assert read_tables(pg_url) == before


def test_run_ids_are_unique_and_keys_begin_with_them(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    first = run_cli("--database-url", url_arg(sqlite_url), "--quiet")
    second = run_cli("--database-url", url_arg(sqlite_url), "--quiet")
    assert first.code == 0 and second.code == 0, first.err + second.err
    rows = read_tables(sqlite_url)
    run_ids = {i["id"].split("-")[0] for i in rows["invoices"]}
    assert len(run_ids) == 2
    for table in ("invoice_lines", "integration_responses"):
        assert all(r["id"].startswith(r["invoice_id"] + "-") for r in rows[table])


def test_delete_run_rows_removes_one_run_and_keeps_a_reused_project(db_url: URL) -> None:
    from sqlalchemy import create_engine

    from seed.runs.rows import count_run_rows, delete_run_rows

    seed(db_url, run_id="RUNA", per_status=3)
    seed(db_url, run_id="RUNB", per_status=3, seed=8)
    before = read_tables(db_url)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        assert count_run_rows(conn, "RUNA")["projects"] == 0  # RUNB reuses it
        removed = delete_run_rows(conn, "RUNA")
    engine.dispose()
    after = read_tables(db_url)
    assert removed["invoices"] == 15 and removed["projects"] == 0 and removed["budget_lines"] == 0
    assert len(after["projects"]) == 1 and len(after["budget_lines"]) == 5
    assert all(i["id"].startswith("RUNB-") for i in after["invoices"])
    assert after["invoices"] == [i for i in before["invoices"] if i["id"].startswith("RUNB-")]
    engine = create_engine(db_url)
    with engine.begin() as conn:
        assert delete_run_rows(conn, "RUNB")["invoices"] == 15
        # RUNA's project outlived RUNA for RUNB; with RUNB gone, purging RUNA again removes it.
        removed = delete_run_rows(conn, "RUNA")
    engine.dispose()
    assert removed["projects"] == 1 and removed["budget_lines"] == 5
    assert all(not rows for rows in read_tables(db_url).values())


@pytest.mark.postgres
def test_a_postgresql_run_leaves_the_planner_statistics_of_what_it_loaded(pg_url: URL) -> None:
    """Analyzed before the commit: the planner knows the row counts at once (a table never
    analyzed has reltuples -1, and plans as if it held a handful of rows)."""
    seed(pg_url, run_id="RUNA")
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        counts = {
            name: connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in ("invoices", "invoice_lines", "integration_responses")
        }
        planned = dict(
            connection.execute(
                text("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(:names)"),
                {"names": list(counts)},
            ).all()
        )
        described = connection.execute(
            text("SELECT count(*) FROM pg_stats WHERE tablename = 'invoices'")
        ).scalar_one()
    engine.dispose()
    assert planned == {name: float(count) for name, count in counts.items()}
    assert described == len(TABLES["invoices"].columns)  # every column has its statistics

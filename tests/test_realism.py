"""The figures of issue 11, measured by `seed report --profile --json` on data read back from
SQLite and PostgreSQL: `seed --invoices 10000 --seed 1` and `seed --per-status 2000 --seed 1`."""

import json
from typing import Any

import pytest
from sqlalchemy import URL, create_engine, text

from seed.domain.catalog import VALID_TAX_CODES
from seed.domain.statuses import RULES
from seed.domain.trades import TRADES, UNBUDGETED_ITEMS
from seed.domain.vendors import (
    PAYMENT_TERM_DAYS,
    PENDING_ONBOARDING,
    RETIRED_TAX_CODE_OF_VENDOR,
    RETIRED_TAX_CODE_VENDOR,
    VENDORS,
)
from seed.generate.plan import REALISTIC_MIX
from tests.support import url_arg

AS_OF = "2026-11-24"
WORK_DATES = ("invoice_date", "submitted_at", "approved_at", "paid_at")


def _seed_and_profile(run_cli, url: URL, *shape: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    seeded = run_cli("--database-url", url_arg(url), "--seed", "1", "--as-of", AS_OF, "-q", *shape)
    assert seeded.code == 0, seeded.err
    verified = run_cli("verify", "--database-url", url_arg(url))
    assert verified.code == 0, verified.out
    report = run_cli("report", "--profile", "--json", "--database-url", url_arg(url))
    assert report.code == 0, report.err
    profile: dict[str, Any] = json.loads(report.out)
    return profile


def _common_figures(p: dict[str, Any]) -> None:
    """What both shapes of run share: vendors, calendar, payment, amounts, budgets, reasons."""
    vendors = p["vendors"]
    assert vendors["count"] >= 60
    assert vendors["top_fifth_spend_share"] >= 60
    low, high = vendors["hold_rate_range"]
    assert high - low >= 10  # the Hold rate varies by vendor
    calendar = p["calendar"]
    for column in WORK_DATES:
        assert calendar["weekend_share"][column] < 2, column
    # A month-end peak: a uniform calendar puts about 20.5% of dates from the 25th on.
    assert calendar["month_end_share"]["invoice_date"] >= 30
    runs = {day for day, n in calendar["payments_by_weekday"].items() if n}
    assert runs == {"Tue", "Thu"}
    by_terms = {row["terms"]: row for row in p["days_to_pay"]}
    assert set(by_terms) == set(PAYMENT_TERM_DAYS)
    for terms, row in by_terms.items():
        assert abs(row["avg_days_to_pay"] - PAYMENT_TERM_DAYS[terms]) <= 6, terms
        assert 1 <= row["late_share"] <= 50, terms  # on time mostly, with a late tail
    assert len(p["holds"]["reasons"]) == 8
    repeated = p["holds"]["unknown_vendor_ids"]["repeated"]
    assert repeated and repeated[0]["holds"] >= 3
    assert repeated[0]["vendor_id"] in {v.vendor_id for v in PENDING_ONBOARDING}
    retired = [v for v in p["holds"]["per_vendor"] if v["vendor"] == RETIRED_TAX_CODE_VENDOR]
    assert retired and retired[0]["reasons"].get("INVALID_TAX_CODE", 0) >= 3
    budgets = {row["category"]: row for row in p["budgets"]}
    assert len(budgets) == 5 and all(row["spend"] > 0 for row in budgets.values())
    used = [row["utilisation"] for row in budgets.values()]
    assert len(set(used)) >= 4 and max(used) > 100 and min(used) < 80
    amounts = p["amounts"]
    assert all(share > 0 for share in amounts["share_per_tenth_of_limit"])  # no empty band
    assert amounts["share_per_tenth_of_limit"][9] >= 1  # just below the limit too
    assert amounts["above_limit"] == amounts["limit_holds"] > 0
    assert amounts["limit_holds_within_100"] <= amounts["limit_holds"] * 0.05
    assert amounts["largest_limit_hold"] >= 1.5 * amounts["approval_limit"]
    assert amounts["countable_lines"] > 0 and amounts["countable_fractional"] == 0
    assert amounts["recurring_same_amount_groups"] >= 3


def _vendors_bill_their_trade(url: URL) -> None:
    """Every line of a catalogue vendor is one of its trade's items, or the unbudgeted add-on
    of a budget-line-not-found Hold; the stuck vendor's tax Holds carry its retired code."""
    trades = {v.name: v.trade for v in (*VENDORS, *PENDING_ONBOARDING)}
    with create_engine(url).connect() as connection:
        lines = connection.execute(
            text(
                "SELECT DISTINCT i.vendor_name, l.description, l.unit_of_measure, i.error_code "
                "FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
            )
        ).all()
        taxed = connection.execute(
            text(
                "SELECT DISTINCT l.tax_code FROM invoice_lines l JOIN invoices i "
                "ON i.id = l.invoice_id WHERE i.vendor_name = :vendor "
                "AND i.error_code = 'INVALID_TAX_CODE'"
            ),
            {"vendor": RETIRED_TAX_CODE_VENDOR},
        ).scalars()
        assert set(taxed) - set(VALID_TAX_CODES) == {RETIRED_TAX_CODE_OF_VENDOR}
    add_ons = {(i.description, i.unit_of_measure) for i in UNBUDGETED_ITEMS.values()}
    for vendor, description, unit, code in lines:
        items = {(i.description, i.unit_of_measure) for i in TRADES[trades[vendor]].items}
        assert (description, unit) in items or (
            code == "BUDGET_LINE_NOT_FOUND" and (description, unit) in add_ons
        ), (vendor, description)


def test_a_production_like_ledger(db_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    p = _seed_and_profile(run_cli, db_url, "--invoices", "10000")
    assert p["invoices"] == 10_000
    assert p["status_shares"] == {s: float(w) for s, w in sorted(REALISTIC_MIX.items())}
    assert p["status_shares"]["Hold"] < 10
    _common_figures(p)
    calendar = p["calendar"]
    assert calendar["months"] >= 13 and calendar["latest_month_share"] < 15
    assert all(bucket["invoices"] > 0 for bucket in p["aging"])  # an aging tail to 91+ days
    histories = p["histories"]
    assert histories["responses"] > 10_000 - p["status_shares"]["Draft"] * 100
    for kind in ("resolved_holds", "timeout_retries", "repeated_failures"):
        assert histories[kind] >= 20, kind
    _vendors_bill_their_trade(db_url)


def test_seed_md_shape_keeps_its_counts_and_day_ranges(db_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    p = _seed_and_profile(run_cli, db_url, "--per-status", "2000")
    assert p["status_shares"] == dict.fromkeys(sorted(RULES), 20.0)
    _common_figures(p)
    histories = p["histories"]
    assert histories["responses"] == 8000 and histories["several_attempts"] == 0
    with create_engine(db_url).connect() as connection:
        ranges = connection.execute(
            text(
                "SELECT status, MIN(days_pending), MAX(days_pending) FROM invoices GROUP BY status"
            )
        ).all()
    for status, low, high in ranges:
        expected = RULES[status].days_pending
        if expected is not None:
            assert expected[0] <= low and high <= expected[1], status
    _vendors_bill_their_trade(db_url)


@pytest.mark.parametrize(
    ("shape", "holds"),
    [
        (("--per-status", "2"), 2),
        (("--per-status", "5"), 5),
        (("--per-status", "8"), 8),
        (("--per-status", "20"), 8),
        (("--invoices", "160"), 8),
        (("--invoices", "100", "--mix", "Paid=50,Hold=50"), 8),
    ],
)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_reason_as_soon_as_there_are_holds_enough(
    sqlite_url: URL,
    run_cli,  # type: ignore[no-untyped-def]
    shape: tuple[str, ...],
    holds: int,
    seed: int,
) -> None:
    args = ("--database-url", url_arg(sqlite_url), "--seed", str(seed), "-q", *shape)
    assert run_cli(*args).code == 0
    with create_engine(sqlite_url).connect() as connection:
        codes = connection.execute(
            text("SELECT error_code FROM invoices WHERE status = 'Hold'")
        ).scalars()
        found = list(codes)
    assert len(set(found)) == min(holds, 8), found


def test_a_reason_filter_limits_the_coverage(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    reasons = ("--hold-reason", "po-mismatch", "--hold-reason", "erp-timeout")
    args = ("--database-url", url_arg(sqlite_url), "-q", "--invoices", "400", *reasons)
    assert run_cli(*args).code == 0
    with create_engine(sqlite_url).connect() as connection:
        codes = set(connection.execute(text("SELECT error_code FROM invoices")).scalars())
    assert codes == {None, "PO_MISMATCH", "ERP_TIMEOUT"}

"""Renders `seed report --profile`: the data profile as tables (or JSON with --json)."""

import json
from typing import Any

from rich.console import Console
from rich.table import Table

from seed.report.profile import WEEKDAYS


def render_profile_json(profile: dict[str, Any]) -> str:
    return json.dumps(profile, indent=2)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for number, column in enumerate(columns):
        table.add_column(column, justify="left" if number == 0 else "right")
    return table


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def render_profile(console: Console, p: dict[str, Any]) -> None:
    console.print(f"{p['invoices']:,} invoices")
    shares = _table("Status shares", "status", "share")
    for status, share in p["status_shares"].items():
        shares.add_row(status, _pct(share))
    console.print(shares)
    _vendors(console, p["vendors"])
    _calendar(console, p["calendar"])
    pay = _table("Days to pay against terms", "terms", "paid", "avg days", "late", "avg days late")
    for row in p["days_to_pay"]:
        pay.add_row(
            row["terms"],
            f"{row['paid']:,}",
            f"{row['avg_days_to_pay']:.1f}",
            _pct(row["late_share"]),
            f"{row['avg_days_late']:.1f}",
        )
    console.print(pay)
    aging = _table("Aging of open invoices (Submitted, Hold)", "days pending", "invoices", "amount")
    for row in p["aging"]:
        aging.add_row(row["days_pending"], f"{row['invoices']:,}", f"${row['amount']:,.2f}")
    console.print(aging)
    _holds(console, p["holds"], p["histories"])
    budgets = _table("Budget utilisation", "category", "budget", "spend", "used")
    for row in p["budgets"]:
        budgets.add_row(
            row["category"],
            f"${row['budget']:,.0f}",
            f"${row['spend']:,.2f}",
            _pct(row["utilisation"]),
        )
    console.print(budgets)
    _amounts(console, p["amounts"])


def _vendors(console: Console, v: dict[str, Any]) -> None:
    if not v["count"]:
        return
    console.print(
        f"{v['count']} vendors; the top fifth ({v['top_fifth']}) have "
        f"{_pct(v['top_fifth_spend_share'])} of Approved and Paid spend"
    )
    table = _table("Largest vendors", "vendor", "invoices", "spend", "share", "Hold rate")
    for row in v["largest"]:
        table.add_row(
            row["vendor"],
            f"{row['invoices']:,}",
            f"${row['spend']:,.2f}",
            _pct(row["spend_share"]),
            _pct(row["hold_rate"]),
        )
    console.print(table)


def _calendar(console: Console, c: dict[str, Any]) -> None:
    console.print(
        f"Invoice dates {c['first_month']} to {c['last_month']} ({c['months']} months); "
        f"{_pct(c['latest_month_share'])} in the latest month"
    )
    table = _table("Calendar", "date", "on a weekend", "from the 25th (month-end)")
    for name, weekend in c["weekend_share"].items():
        table.add_row(name, _pct(weekend), _pct(c["month_end_share"][name]))
    console.print(table)
    runs = ", ".join(f"{d} {c['payments_by_weekday'][d]:,}" for d in WEEKDAYS)
    console.print(f"Payments by weekday: {runs}")


def _holds(console: Console, h: dict[str, Any], histories: dict[str, int]) -> None:
    table = _table("Hold reasons per vendor (most Holds first)", "vendor", "Holds", "reasons")
    for row in h["per_vendor"]:
        reasons = ", ".join(f"{code} {n}" for code, n in row["reasons"].items())
        table.add_row(row["vendor"], f"{row['holds']:,}", reasons)
    console.print(table)
    unknown = h["unknown_vendor_ids"]
    repeated = "; ".join(
        f"{r['vendor_id']} ({r['vendor']}) on {r['holds']}" for r in unknown["repeated"]
    )
    console.print(
        f"Vendor-not-found Holds: {unknown['holds']:,} with {unknown['distinct']:,} distinct ids"
        + (f"; repeated: {repeated}" if repeated else "")
    )
    console.print(
        f"Integration logs: {histories['responses']:,} responses; "
        f"{histories['several_attempts']:,} invoices with several attempts: "
        f"{histories['resolved_holds']:,} resolved Holds, "
        f"{histories['timeout_retries']:,} retries after a timeout, "
        f"{histories['repeated_failures']:,} Holds that failed more than once"
    )


def _amounts(console: Console, a: dict[str, Any]) -> None:
    tenths = " ".join(_pct(s) for s in a["share_per_tenth_of_limit"])
    console.print(f"Invoices per tenth of the ${a['approval_limit']:,.2f} approval limit: {tenths}")
    console.print(
        f"Above the limit: {a['above_limit']:,} ({a['limit_holds']:,} approval-limit Holds, "
        f"{a['limit_holds_within_100']:,} within $100 of it, "
        f"largest ${a['largest_limit_hold']:,.2f})"
    )
    console.print(
        f"Countable-unit lines: {a['countable_lines']:,}, {a['countable_fractional']:,} with a "
        f"fractional quantity; recurring same-amount groups: {a['recurring_same_amount_groups']:,}"
    )

"""`seed report --profile`: what a database's AP data looks like, as one plain dictionary.

Shares are percentages with one decimal. The same dictionary is printed as tables or as JSON.
"""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Connection

from seed.generate.options import DEFAULT_APPROVAL_LIMIT
from seed.report import profile_queries as q

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Vendors with fewer invoices are left out of the Hold-rate range (too few to rate).
MIN_INVOICES_TO_RATE = 20
TOP_VENDORS = 10


def percent(part: float, whole: float) -> float:
    return round(100 * float(part) / float(whole), 1) if whole else 0.0


def money(value: Any) -> float:
    return float(Decimal(str(value or 0)).quantize(Decimal("0.01")))


def profile(connection: Connection) -> dict[str, Any]:
    """The profile of the data in the database ``connection`` reads (every run in it)."""
    limit = Decimal(str(q.approval_limit(connection) or DEFAULT_APPROVAL_LIMIT))
    counts = {status: n for status, n in q.statuses(connection)}
    invoices = sum(counts.values())
    return {
        "invoices": invoices,
        "status_shares": {s: percent(n, invoices) for s, n in sorted(counts.items())},
        "vendors": _vendors(connection),
        "calendar": _calendar(connection, invoices),
        "days_to_pay": [
            {
                "terms": terms,
                "paid": paid,
                "avg_days_to_pay": round(float(avg or 0), 1),
                "late_share": percent(late, paid),
                "avg_days_late": round(float(late_by or 0), 1),
            }
            for terms, paid, avg, late, late_by in q.days_to_pay(connection)
        ],
        "aging": _aging(connection),
        "holds": _holds(connection),
        "histories": dict(
            zip(
                (
                    "responses",
                    "several_attempts",
                    "resolved_holds",
                    "timeout_retries",
                    "repeated_failures",
                ),
                (int(v) for v in q.histories(connection)),
                strict=True,
            )
        ),
        "budgets": [
            {
                "category": category,
                "budget": money(budget),
                "spend": money(spend),
                "utilisation": percent(spend, budget),
            }
            for category, budget, spend in q.budgets(connection)
        ],
        "amounts": _amounts(connection, limit, invoices),
    }


def _vendors(connection: Connection) -> dict[str, Any]:
    rows = sorted(q.vendors(connection), key=lambda r: (-money(r[3]), r[0]))
    if not rows:
        return {"count": 0}
    spend = sum(money(r[3]) for r in rows)
    invoices = sum(r[1] for r in rows)
    top = max(1, round(len(rows) / 5))
    rated = [percent(holds, n) for _, n, holds, _ in rows if n >= MIN_INVOICES_TO_RATE]
    shares = [percent(n, invoices) for _, n, _, _ in rows]
    return {
        "count": len(rows),
        "top_fifth": top,
        "top_fifth_spend_share": percent(sum(money(r[3]) for r in rows[:top]), spend),
        "invoice_share_range": [min(shares), max(shares)],
        "hold_rate_range": [min(rated), max(rated)] if rated else None,
        "largest": [
            {
                "vendor": name,
                "invoices": n,
                "spend": money(amount),
                "spend_share": percent(money(amount), spend),
                "hold_rate": percent(holds, n),
            }
            for name, n, holds, amount in rows[:TOP_VENDORS]
        ],
    }


def _calendar(connection: Connection, invoices: int) -> dict[str, Any]:
    dated = q.calendar(connection)
    months = q.months(connection)
    runs = {day: n for day, n in q.payment_weekdays(connection)}
    return {
        "first_month": months[0][0] if months else None,
        "last_month": months[-1][0] if months else None,
        "months": len(months),
        "latest_month_share": percent(months[-1][1], invoices) if months else 0.0,
        "weekend_share": {name: percent(weekend, n) for name, (n, weekend, _) in dated.items()},
        "month_end_share": {name: percent(end, n) for name, (n, _, end) in dated.items()},
        "payments_by_weekday": {day: runs.get(number, 0) for number, day in enumerate(WEEKDAYS)},
    }


def _aging(connection: Connection) -> list[dict[str, Any]]:
    found = {low: (n, amount) for low, n, amount in q.aging(connection)}
    return [
        {
            "days_pending": f"{low}-{high}" if high else f"{low}+",
            "invoices": found.get(low, (0, 0))[0],
            "amount": money(found.get(low, (0, 0))[1]),
        }
        for low, high in q.AGING_BUCKETS
    ]


def _holds(connection: Connection) -> dict[str, Any]:
    per_vendor: dict[str, dict[str, int]] = defaultdict(dict)
    reasons: dict[str, int] = defaultdict(int)
    for vendor, code, n in q.holds_per_vendor(connection):
        per_vendor[vendor][code] = n
        reasons[code] += n
    ranked = sorted(per_vendor.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    unknown = q.unknown_vendor_ids(connection)
    return {
        "reasons": dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        "per_vendor": [
            {"vendor": vendor, "holds": sum(codes.values()), "reasons": dict(sorted(codes.items()))}
            for vendor, codes in ranked[:TOP_VENDORS]
        ],
        "unknown_vendor_ids": {
            "holds": sum(n for _, _, n in unknown),
            "distinct": len({vendor_id for vendor_id, _, _ in unknown}),
            "repeated": [
                {"vendor_id": v, "vendor": name, "holds": n} for v, name, n in unknown if n > 1
            ][:5],
        },
    }


def _amounts(connection: Connection, limit: Decimal, invoices: int) -> dict[str, Any]:
    bands = {band: n for band, n in q.amount_bands(connection, float(limit))}
    held, near, largest = q.limit_holds(connection, float(limit))
    countable, fractional = q.countable_quantities(connection)
    return {
        "approval_limit": money(limit),
        "share_per_tenth_of_limit": [percent(bands.get(b, 0), invoices) for b in range(10)],
        "above_limit": bands.get(10, 0),
        "limit_holds": held,
        "limit_holds_within_100": near,
        "largest_limit_hold": money(largest),
        "countable_lines": countable,
        "countable_fractional": fractional,
        "recurring_same_amount_groups": q.recurring_groups(connection),
    }

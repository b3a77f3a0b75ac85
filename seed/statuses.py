"""The per-status rules: what each invoice status implies for the rest of its data."""

from dataclasses import dataclass

from seed.errors import UsageError


@dataclass(frozen=True)
class StatusRule:
    status: str
    integration_status: str
    #: Inclusive range of days pending, or None where it is calculated from the invoice's dates.
    days_pending: tuple[int, int] | None
    #: Operations its integration request may be; empty: the invoice never reached Infinium.
    operations: tuple[str, ...]
    #: ``response_status`` of its integration response (None: no response).
    response_status: str | None


DRAFT = StatusRule("Draft", "Not Submitted", (1, 5), (), None)
SUBMITTED = StatusRule("Submitted", "Pending", (5, 15), ("CREATE",), "PENDING")
APPROVED = StatusRule("Approved", "Success", None, ("CREATE", "VALIDATE"), "SUCCESS")
PAID = StatusRule("Paid", "Success", None, ("UPDATE",), "SUCCESS")
HOLD = StatusRule("Hold", "Error", (30, 90), ("VALIDATE", "CREATE"), "ERROR")

#: Canonical order; invoices are interleaved in this order, so every chunk holds every status.
RULES: dict[str, StatusRule] = {r.status: r for r in (DRAFT, SUBMITTED, APPROVED, PAID, HOLD)}
STATUSES: tuple[str, ...] = tuple(RULES)


def parse_statuses(values: list[str] | None) -> tuple[str, ...]:
    """Statuses named by the user (any case), in canonical order; all of them when none given."""
    if not values:
        return STATUSES
    by_key = {s.lower(): s for s in STATUSES}
    chosen = set()
    for value in values:
        status = by_key.get(value.strip().lower())
        if status is None:
            raise UsageError(f"unknown status {value!r}: choose from {', '.join(STATUSES)}")
        chosen.add(status)
    return tuple(s for s in STATUSES if s in chosen)

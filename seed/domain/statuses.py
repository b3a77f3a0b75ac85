"""The status-rules table: what each invoice status implies for the rest of its data.

The generator draws from it and verify checks against it: day ranges, which timestamps a status
has, its integration request and response, and whether its lines spend the budget.
"""

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
    #: Which of submitted_at, approved_at and paid_at it has.
    stamps: tuple[bool, bool, bool]
    #: Days pending in ``--invoices`` runs (a ledger whose open items age), where calculated
    #: ranges do not apply; ``days_pending`` is SEED.md's, for ``--per-status`` runs.
    ledger_days_pending: tuple[int, int] | None = None
    #: Its lines are charged to their budget lines.
    spends: bool = False

    @property
    def submitted(self) -> bool:
        return self.stamps[0]

    @property
    def approved(self) -> bool:
        return self.stamps[1]

    @property
    def paid(self) -> bool:
        return self.stamps[2]

    @property
    def days_pending_bounds(self) -> tuple[int, int] | None:
        """The widest days pending of either shape of run (what verify accepts)."""
        if self.days_pending is None:
            return None
        ranges = (self.days_pending, self.ledger_days_pending or self.days_pending)
        return min(r[0] for r in ranges), max(r[1] for r in ranges)


DRAFT = StatusRule("Draft", "Not Submitted", (1, 5), (), None, (False, False, False), (1, 10))
SUBMITTED = StatusRule(
    "Submitted", "Pending", (5, 15), ("CREATE",), "PENDING", (True, False, False), (1, 20)
)
APPROVED = StatusRule(
    "Approved", "Success", None, ("CREATE", "VALIDATE"), "SUCCESS", (True, True, False), spends=True
)
PAID = StatusRule("Paid", "Success", None, ("UPDATE",), "SUCCESS", (True, True, True), spends=True)
HOLD = StatusRule(
    "Hold", "Error", (30, 90), ("VALIDATE", "CREATE"), "ERROR", (True, False, False), (1, 240)
)

#: Canonical order; invoices are interleaved in this order, so every chunk holds every status.
RULES: dict[str, StatusRule] = {r.status: r for r in (DRAFT, SUBMITTED, APPROVED, PAID, HOLD)}
STATUSES: tuple[str, ...] = tuple(RULES)
#: Statuses whose lines are charged to the budget.
SPENDING_STATUSES: tuple[str, ...] = tuple(s for s, r in RULES.items() if r.spends)


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

"""The Hold reasons: Infinium's error codes, their weights, operations and error patterns.

What a Hold's data must show for each code is made true by the generator
(``seed.generate.factories.holds``) and checked by verify (``seed.verify.holds``).
"""

from dataclasses import dataclass

from seed.errors import UsageError

#: How long the integration waits for Infinium per attempt; every other answer comes sooner.
TIMEOUT_SECONDS = 30
#: Most days between a duplicate's invoice date and that of the invoice it repeats.
DUPLICATE_WINDOW_DAYS = 3


@dataclass(frozen=True)
class HoldReason:
    code: str
    #: Share among Hold invoices, as in a typical month of real AP holds.
    weight: int
    #: The integration request's operation.
    operation: str
    #: The message's fixed part: the error pattern the dashboard groups by.
    title: str
    #: Only for Hold invoices that follow a Paid one (the duplicate's twin).
    needs_paid_twin: bool = False

    @property
    def option_name(self) -> str:
        return self.code.lower().replace("_", "-")


HOLD_REASONS: tuple[HoldReason, ...] = (
    HoldReason("VENDOR_NOT_FOUND", 24, "VALIDATE", "Vendor validation failed"),
    HoldReason("BUDGET_LINE_NOT_FOUND", 20, "VALIDATE", "Budget line not found"),
    HoldReason("PO_MISMATCH", 18, "VALIDATE", "PO number mismatch"),
    HoldReason("APPROVAL_LIMIT_EXCEEDED", 14, "CREATE", "Approval limit exceeded"),
    HoldReason("DUPLICATE_INVOICE", 10, "CREATE", "Duplicate invoice detected", True),
    HoldReason("GL_PERIOD_CLOSED", 6, "CREATE", "GL period closed"),
    HoldReason("INVALID_TAX_CODE", 5, "VALIDATE", "Invalid tax code"),
    HoldReason("ERP_TIMEOUT", 3, "CREATE", "Infinium did not respond"),
)
BY_CODE = {r.code: r for r in HOLD_REASONS}


def parse_hold_reasons(values: list[str] | None) -> tuple[str, ...]:
    """Codes named by the user (``po-mismatch`` or ``PO_MISMATCH``); all when none given."""
    if not values:
        return ()
    chosen = set()
    for value in values:
        code = value.strip().upper().replace("-", "_")
        if code not in BY_CODE:
            names = ", ".join(r.option_name for r in HOLD_REASONS)
            raise UsageError(f"unknown hold reason {value!r}: choose from {names}")
        chosen.add(code)
    return tuple(r.code for r in HOLD_REASONS if r.code in chosen)


def refuse_unusable_reasons(codes: tuple[str, ...], statuses: tuple[str, ...]) -> None:
    """Every Hold reason a user names must be able to appear, or the run is refused: a named
    reason is never dropped without a word."""
    if codes and "Hold" not in statuses:
        raise UsageError(
            "--hold-reason chooses the reasons of Hold invoices: add --status Hold "
            "(or Hold to --mix)"
        )
    for code in codes:
        if BY_CODE[code].needs_paid_twin and "Paid" not in statuses:
            raise UsageError(
                f"the {BY_CODE[code].option_name} hold reason needs Paid invoices to duplicate: "
                "add --status Paid (or Paid to --mix)"
            )

"""What an ORM factory call asks for, checked and turned into the generator's inputs.

Most overrides are options of a run (status, hold reason, vendor, PO, currency, as-of); the rest
are pinned on the invoice (``InvoiceSpec``). Columns that follow from others are accepted when
they agree with what the generator makes, and refused with the reason otherwise (``refusal``).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from models import Invoice, Project
from seed.domain.holds import BY_CODE, HOLD_REASONS, parse_hold_reasons
from seed.domain.money import cents_to_decimal, to_cents
from seed.domain.statuses import RULES, STATUSES, parse_statuses
from seed.domain.vendors import PAYMENT_TERM_DAYS
from seed.errors import SeedError
from seed.generate.factories.spec import InvoiceSpec
from seed.generate.options import DEFAULT_APPROVAL_LIMIT, DEFAULT_PROJECT_NUMBER, SeedOptions

#: Lines an invoice may be given (the generator draws 2 to 8).
MAX_LINES = 100
DEFAULT_SEED = 0


class ProjectOverrides(TypedDict, total=False):
    """Keyword arguments of ``ProjectFactory``: columns of ``projects`` and the traits."""

    project_number: str
    name: str
    company: str
    currency: str
    seed: int
    as_of: date


class InvoiceOverrides(TypedDict, total=False):
    """Keyword arguments of ``InvoiceFactory``: any column of ``invoices``, and the traits
    ``hold_reason``, ``lines``, ``seed``, ``as_of``, ``approval_limit``, ``project``."""

    id: str
    project_id: str
    invoice_number: str
    vendor_name: str
    vendor_id: str
    po_number: str
    status: str
    integration_status: str
    error_code: str
    error_message: str
    total_amount: Decimal | int | str
    currency: str
    payment_terms: str
    invoice_date: date
    due_date: date
    submitted_at: datetime | None
    approved_at: datetime | None
    paid_at: datetime | None
    days_pending: int
    created_at: datetime
    updated_at: datetime
    hold_reason: str
    lines: int
    seed: int
    as_of: date
    approval_limit: Decimal | int | str
    project: Project
    project_number: str


_INVOICE_COLUMNS = tuple(c.key for c in Invoice.__table__.columns)
#: Keyword arguments that are not columns of invoices.
TRAITS = ("hold_reason", "lines", "seed", "as_of", "approval_limit", "project", "project_number")
#: Why a column that follows from others cannot be set on its own.
_DECIDED_BY = {
    "integration_status": "it follows from status ("
    + ", ".join(f"{r.status}: {r.integration_status}" for r in RULES.values())
    + ")",
    "error_message": "the hold reason writes it from the invoice's own data",
    "due_date": "it is invoice_date plus the payment terms: pass payment_terms=",
    "submitted_at": "it follows from status and invoice_date: pass invoice_date= or as_of=",
    "approved_at": "it follows from status and invoice_date: pass invoice_date= or as_of=",
    "paid_at": "it follows from status and invoice_date: pass invoice_date= or as_of=",
    "created_at": "it follows from invoice_date: pass invoice_date= or as_of=",
    "updated_at": "it follows from the invoice's last event: pass invoice_date= or as_of=",
    "days_pending": "it is drawn within the status's range (Draft 1-5, Submitted 5-15, Hold "
    "30-90; Approved and Paid: days to approval or payment)",
    "vendor_id": "the hold reason gives the invoice another vendor id",
    "invoice_date": "the hold reason dates the invoice itself",
}


def refusal(column: str, wanted: Any, made: Any) -> ValueError:
    reason = _DECIDED_BY.get(column, "the other overrides decide it")
    return ValueError(f"cannot keep {column}={wanted!r} (the factory made {made!r}): {reason}")


@dataclass(frozen=True)
class InvoicePlan:
    """A factory call resolved: the run's options, what is pinned, what is checked after."""

    options: SeedOptions
    spec: InvoiceSpec
    project: Project | None
    project_id: str | None
    invoice_date: date | None
    #: Column overrides the generated row must show, checked after generation.
    expected: dict[str, Any] = field(default_factory=dict)

    @property
    def duplicate(self) -> bool:
        """A duplicate Hold comes with the Paid invoice it repeats."""
        return self.options.hold_reasons == ("DUPLICATE_INVOICE",)


def money_cents(value: Decimal | int | str, name: str) -> int:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(
            f"{name}={value!r} is not an amount: pass a Decimal like '1250.00'"
        ) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")) or amount <= 0:
        raise ValueError(f"{name}={value!r} must be a positive amount in whole cents")
    return to_cents(amount)


def _status(overrides: dict[str, Any]) -> tuple[str | None, str | None]:
    """The status asked for and the hold reason's code (either implies the other)."""
    status = overrides.pop("status", None)
    reasons = [v for v in (overrides.pop("hold_reason", None), overrides.pop("error_code", None))]
    codes = {parse_hold_reasons([r])[0] for r in reasons if r is not None}
    if len(codes) > 1:
        raise ValueError(f"hold_reason and error_code name different reasons: {sorted(codes)}")
    code = codes.pop() if codes else None
    if status is not None:
        status = parse_statuses([status])[0]
        if code is not None and status != "Hold":
            raise ValueError(
                f"status={status!r} cannot have hold_reason {BY_CODE[code].option_name!r}: "
                "only a Hold invoice has a hold reason (leave status out, or pass 'Hold')"
            )
    elif code is not None:
        status = "Hold"
    return status, code


def _statuses(status: str | None, code: str | None) -> tuple[str, ...]:
    if code == "DUPLICATE_INVOICE":
        return ("Paid", "Hold")
    return (status,) if status is not None else STATUSES


#: Hold reasons that would change a pinned column: not drawn when it is pinned (asking for
#: one of them by name with that column is refused after generation, with the reason).
_CHANGES = {
    "vendor_id": "VENDOR_NOT_FOUND",
    "total_amount": "APPROVAL_LIMIT_EXCEEDED",
    "invoice_date": "GL_PERIOD_CLOSED",
}


def _drawable_reasons(o: dict[str, Any], statuses: tuple[str, ...]) -> tuple[str, ...]:
    """The reasons a Hold may draw (all: ``()``) when none was asked for."""
    if "Hold" not in statuses:
        return ()
    excluded = {code for column, code in _CHANGES.items() if column in o}
    if not excluded:
        return ()
    twins = "Paid" in statuses
    return tuple(
        s.code for s in HOLD_REASONS if s.code not in excluded and (twins or not s.needs_paid_twin)
    )


def invoice_plan(raw: dict[str, Any], seed: int) -> InvoicePlan:
    """Check ``raw`` overrides and resolve them; every mistake is a ``ValueError``."""
    unknown = sorted(set(raw) - set(_INVOICE_COLUMNS) - set(TRAITS))
    if unknown:
        raise ValueError(
            f"unknown override {', '.join(unknown)}: name a column of invoices "
            f"({', '.join(_INVOICE_COLUMNS)}) or a trait ({', '.join(TRAITS)})"
        )
    try:
        return _plan(dict(raw), seed)
    except SeedError as error:
        raise ValueError(str(error)) from None


def _plan(o: dict[str, Any], seed: int) -> InvoicePlan:
    seed = o.pop("seed", seed)
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed={seed!r} must be a whole number, 0 or more")
    status, code = _status(o)
    project: Project | None = o.pop("project", None)
    project_id = o.pop("project_id", None)
    if project is not None and project_id not in (None, project.id):
        raise ValueError(f"project_id={project_id!r} is not the id of project= ({project.id!r})")
    limit = o.pop("approval_limit", None)
    statuses = _statuses(status, code)
    options = SeedOptions(
        seed=seed,
        as_of=o.pop("as_of", None) or date.today(),
        statuses=statuses,
        hold_reasons=(code,) if code is not None else _drawable_reasons(o, statuses),
        vendor=o.pop("vendor_name", None),
        po_number=o.get("po_number"),
        project_number=o.pop(
            "project_number", project.project_number if project else DEFAULT_PROJECT_NUMBER
        ),
        currency=o.get("currency") or (project.currency if project else "USD"),
        approval_limit=(
            DEFAULT_APPROVAL_LIMIT
            if limit is None
            else cents_to_decimal(money_cents(limit, "approval_limit"))
        ),
    )
    spec = _spec(o, options, code)
    invoice_date = o.pop("invoice_date", None)
    expected = {k: v for k, v in o.items() if k not in ("total_amount",)}
    if status is not None:
        expected["status"] = status
    if invoice_date is not None:
        expected["invoice_date"] = invoice_date
    return InvoicePlan(options, spec, project, project_id, invoice_date, expected)


def _spec(o: dict[str, Any], options: SeedOptions, code: str | None) -> InvoiceSpec:
    lines = o.pop("lines", None)
    if lines is not None and (not isinstance(lines, int) or not 1 <= lines <= MAX_LINES):
        raise ValueError(f"lines={lines!r} must be a whole number from 1 to {MAX_LINES}")
    terms = o.get("payment_terms")
    if terms is not None and terms not in PAYMENT_TERM_DAYS:
        raise ValueError(f"payment_terms={terms!r}: choose from {', '.join(PAYMENT_TERM_DAYS)}")
    total = o.get("total_amount")
    cents = None if total is None else money_cents(total, "total_amount")
    if cents is not None:
        _check_total(cents, lines or 1, options, code)
    return InvoiceSpec(
        line_count=lines,
        total_cents=cents,
        invoice_number=o.get("invoice_number"),
        vendor_id=o.get("vendor_id"),
        payment_terms=terms,
        invoice_id=o.get("id"),
        one_off=o.get("invoice_date") is not None,
    )


def _check_total(cents: int, lines: int, options: SeedOptions, code: str | None) -> None:
    limit = to_cents(options.approval_limit)
    if cents < lines:
        raise ValueError(f"total_amount of {cents} cents cannot be split over {lines} lines")
    if code == "APPROVAL_LIMIT_EXCEEDED" and cents <= limit:
        raise ValueError(
            f"an approval-limit-exceeded Hold is above the approval limit "
            f"({options.approval_limit}): raise total_amount or lower approval_limit"
        )
    if code != "APPROVAL_LIMIT_EXCEEDED" and cents > limit:
        raise ValueError(
            f"total_amount is above the approval limit ({options.approval_limit}): such an "
            "invoice is held with hold_reason='approval-limit-exceeded'; pass that, or a "
            "higher approval_limit="
        )

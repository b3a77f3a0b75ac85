"""The Hold scenarios: why Infinium rejected an invoice, each made true of the invoice's own data.

A scenario changes the invoice's draft so that its rows show the defect (an unknown vendor id in
the request, a line without a budget line, a PO that differs, a total above the approval limit,
a twin invoice with the same amount, ...) and returns the error Infinium answered with.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from seed.domain.catalog import RETIRED_TAX_CODES, UNBUDGETED_CATEGORIES
from seed.domain.holds import DUPLICATE_WINDOW_DAYS, HOLD_REASONS, TIMEOUT_SECONDS, HoldReason
from seed.domain.money import amount_text, format_money
from seed.domain.trades import UNBUDGETED_ITEMS
from seed.domain.vendors import (
    PENDING_ONBOARDING,
    RETIRED_TAX_CODE_OF_VENDOR,
    RETIRED_TAX_CODE_VENDOR,
)
from seed.errors import SeedError
from seed.generate.factories.drafts import HoldError, InvoiceDraft
from seed.generate.factories.invoice_line import InvoiceLineFactory
from seed.generate.factories.timeline import Timeline
from seed.generate.values import Draws


@dataclass(frozen=True)
class HoldContext:
    """What a scenario may look at besides the invoice it changes."""

    project_number: str
    approval_limit_cents: int
    lines: InvoiceLineFactory
    #: Builds the draft of another invoice of the run (the twin of a duplicate).
    draft_of: Callable[[int], InvoiceDraft]
    #: The index of the Paid invoice a Hold at this index duplicates, if any.
    twin_of: Callable[[int], int | None]
    timeline: Timeline


Apply = Callable[[InvoiceDraft, Draws, HoldContext], HoldError]


@dataclass(frozen=True)
class HoldScenario:
    """A Hold reason and how it is made true of an invoice's draft."""

    reason: HoldReason
    apply: Apply

    @property
    def code(self) -> str:
        return self.reason.code


_PENDING_IDS = frozenset(v.vendor_id for v in PENDING_ONBOARDING)


def _vendor_not_found(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    # A vendor not yet onboarded sends its own unknown id on every invoice; anyone else's id
    # was mistyped.
    unknown = draft.vendor.vendor_id
    if unknown not in _PENDING_IDS:
        unknown = f"V-{rng.randint(90000, 99999)}"
    draft.vendor_id = unknown
    return HoldError(
        "VENDOR_NOT_FOUND",
        f"Vendor validation failed: Vendor ID {unknown} not found in Infinium system",
        f"Infinium vendor master has no active vendor {unknown} ({draft.vendor.name}); "
        "the vendor must be onboarded before its invoices can post.",
        "vendorId",
        unknown,
    )


def _budget_line_not_found(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    # A reused project may budget for a category we call unbudgeted: never pick that one.
    unbudgeted = [c for c in UNBUDGETED_CATEGORIES if c not in ctx.lines.budget_line_ids]
    if not unbudgeted:
        raise SeedError(
            f"project {ctx.project_number} budgets every category: the budget-line-not-found "
            "hold reason has no category to use; choose other --hold-reason values"
        )
    category = rng.choice(unbudgeted)
    position = rng.randrange(len(draft.lines))
    share = draft.lines[position].amount_cents
    draft.lines[position] = ctx.lines.line_for(rng, UNBUDGETED_ITEMS[category], share)
    return HoldError(
        "BUDGET_LINE_NOT_FOUND",
        f"Budget line not found for cost category '{category}' in project {ctx.project_number}",
        f"Line {position + 1} is coded to '{category}', which has no budget line in project "
        f"{ctx.project_number}; add a budget line or recode the line.",
        f"lines[{position + 1}].costCategory",
        category,
        {"lineNumber": position + 1, "projectNumber": ctx.project_number},
    )


def _po_mismatch(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    received = f"PO-{rng.randint(10000, 99999)}"
    while received == draft.po_number:
        received = f"PO-{rng.randint(10000, 99999)}"
    draft.request_overrides["poNumber"] = received
    return HoldError(
        "PO_MISMATCH",
        f"PO number mismatch: Expected {draft.po_number}, received {received}",
        f"Invoice {draft.invoice_number} is recorded against {draft.po_number} but the request "
        f"referenced {received}.",
        "poNumber",
        received,
        {"expected": draft.po_number},
    )


def _approval_limit(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    limit = ctx.approval_limit_cents
    # Drawn well above the limit; lines that came out short are raised clear of it too.
    InvoiceLineFactory.fit_above(draft.lines, limit + limit // 50)
    total = draft.total_cents
    return HoldError(
        "APPROVAL_LIMIT_EXCEEDED",
        f"Approval limit exceeded: Invoice amount {format_money(total)} exceeds the "
        f"{format_money(limit)} limit and requires director approval",
        f"Total {format_money(total)} is above the approver's limit of {format_money(limit)}; "
        "route to a director for approval.",
        "amount",
        amount_text(total),
        {"limit": amount_text(limit)},
    )


#: How a vendor's resent invoice number differs from the original: dash dropped, prefix
#: dropped, a suffix, a leading zero. None can equal a generated number (``INV-`` + 8 digits).
_RESENT_NUMBERS = (
    lambda n: n.replace("-", "", 1),
    lambda n: n.split("-", 1)[1],
    lambda n: f"{n}-1",
    lambda n: f"{n}A",
    lambda n: n.replace("-", "-0", 1),
)


def _duplicate_invoice(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    twin_index = ctx.twin_of(draft.index)
    assert twin_index is not None, "a duplicate is drawn only where a Paid invoice precedes it"
    twin = ctx.draft_of(twin_index)
    assert draft.submitted_at is not None and twin.submitted_at is not None
    draft.vendor, draft.vendor_id, draft.po_number = twin.vendor, twin.vendor_id, twin.po_number
    draft.lines = [replace(line) for line in twin.lines]
    draft.invoice_number = rng.choice(_RESENT_NUMBERS)(twin.invoice_number)
    calendar = ctx.timeline.calendar
    # Resubmitted after the twin: on a later business day, never after its own submission.
    earliest = calendar.add_business_days(twin.submitted_at.date(), 1)
    if draft.submitted_at.date() < earliest:
        draft.submitted_at = ctx.timeline.moment(rng, earliest)
    room = (draft.submitted_at.date() - twin.invoice_date).days
    dated = twin.invoice_date + timedelta(days=rng.randint(0, min(DUPLICATE_WINDOW_DAYS, room)))
    draft.invoice_date = dated if calendar.is_business_day(dated) else twin.invoice_date
    draft.created_at = ctx.timeline.entered(rng, draft.invoice_date)
    total = twin.total_cents
    return HoldError(
        "DUPLICATE_INVOICE",
        f"Duplicate invoice detected: Similar invoice {twin.invoice_number} found with same "
        f"amount {format_money(total)}",
        f"{twin.invoice_number} from {twin.vendor.name} dated {twin.invoice_date.isoformat()} "
        f"has the same amount {format_money(total)} on project {ctx.project_number}.",
        "amount",
        amount_text(total),
        {"duplicateOf": twin.invoice_number},
    )


def _gl_period_closed(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    assert draft.submitted_at is not None
    month_start = draft.submitted_at.date().replace(day=1)
    calendar = ctx.timeline.calendar
    draft.invoice_date = calendar.business_on_or_before(
        month_start - timedelta(days=rng.randint(1, 20))
    )
    draft.created_at = ctx.timeline.entered(rng, draft.invoice_date)
    period = draft.invoice_date.strftime("%Y-%m")
    # The integration posts on the invoice date instead of the open period: that is the defect.
    draft.request_overrides["postingDate"] = draft.invoice_date.isoformat()
    return HoldError(
        "GL_PERIOD_CLOSED",
        f"GL period {period} is closed: invoice date {draft.invoice_date.isoformat()} cannot post",
        f"Accounting period {period} was closed before submission; post to the open period or "
        "ask finance to reopen it.",
        "postingDate",
        draft.invoice_date.isoformat(),
        {"period": period},
    )


def _invalid_tax_code(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    position = rng.randrange(len(draft.lines))
    stuck = draft.vendor.name == RETIRED_TAX_CODE_VENDOR
    code = RETIRED_TAX_CODE_OF_VENDOR if stuck else rng.choice(RETIRED_TAX_CODES)
    draft.lines[position].tax_code = code
    return HoldError(
        "INVALID_TAX_CODE",
        f"Invalid tax code {code} on line {position + 1}: code is not active in Infinium",
        f"Tax code {code} on line {position + 1} is retired or unknown; use an active code.",
        f"lines[{position + 1}].taxCode",
        code,
        {"lineNumber": position + 1},
    )


def _erp_timeout(draft: InvoiceDraft, rng: Draws, ctx: HoldContext) -> HoldError:
    attempts = 3
    draft.response_seconds = attempts * TIMEOUT_SECONDS + rng.randint(0, 5)
    return HoldError(
        "ERP_TIMEOUT",
        f"Infinium did not respond: request timed out after {attempts} attempts "
        f"({TIMEOUT_SECONDS} s each)",
        f"No answer from Infinium after {attempts} attempts; the invoice is held until it is "
        "resubmitted.",
        "request",
        "timeout",
        {"attempts": attempts, "timeoutSeconds": TIMEOUT_SECONDS},
    )


_APPLY: dict[str, Apply] = {
    "VENDOR_NOT_FOUND": _vendor_not_found,
    "BUDGET_LINE_NOT_FOUND": _budget_line_not_found,
    "PO_MISMATCH": _po_mismatch,
    "APPROVAL_LIMIT_EXCEEDED": _approval_limit,
    "DUPLICATE_INVOICE": _duplicate_invoice,
    "GL_PERIOD_CLOSED": _gl_period_closed,
    "INVALID_TAX_CODE": _invalid_tax_code,
    "ERP_TIMEOUT": _erp_timeout,
}
#: One scenario per Hold reason, in the catalogue's order.
SCENARIOS: tuple[HoldScenario, ...] = tuple(HoldScenario(r, _APPLY[r.code]) for r in HOLD_REASONS)
_BY_CODE = {s.code: s for s in SCENARIOS}


def eligible_scenarios(
    codes: tuple[str, ...], statuses: tuple[str, ...]
) -> tuple[HoldScenario, ...]:
    """The scenarios a run may draw from; a duplicate needs a Paid twin in the run (a reason the
    user named always can appear: SeedOptions refuses the others)."""
    pool = tuple(_BY_CODE[c] for c in codes) if codes else SCENARIOS
    has_twin = "Paid" in statuses
    return tuple(s for s in pool if has_twin or not s.reason.needs_paid_twin)

"""Builds one invoice's whole subtree (invoice, lines, integration log) from its index."""

import zlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from seed.domain.calendar import Calendar
from seed.domain.catalog import TAX_CODE_CUM_WEIGHTS, VALID_TAX_CODES
from seed.domain.money import cents_to_decimal, to_cents
from seed.domain.statuses import RULES
from seed.domain.trades import TRADES
from seed.domain.vendors import PAYMENT_TERM_DAYS, Vendor
from seed.generate.factories.amounts import Amounts
from seed.generate.factories.context import RunContext
from seed.generate.factories.drafts import InvoiceDraft, LineDraft, line_amounts
from seed.generate.factories.exact_total import fit_exactly
from seed.generate.factories.history import History
from seed.generate.factories.holds import HoldContext, HoldScenario, eligible_scenarios
from seed.generate.factories.integration_response import IntegrationResponseFactory
from seed.generate.factories.invoice_line import InvoiceLineFactory
from seed.generate.factories.reasons import ReasonDraw
from seed.generate.factories.recurring import Recurring
from seed.generate.factories.spec import InvoiceSpec
from seed.generate.factories.timeline import LEDGER_WINDOWS, SEED_WINDOWS, Timeline
from seed.generate.factories.vendor_choice import VendorChoice, vendor_named
from seed.generate.values import Draws, record_rng

#: Days of calendar kept before and after the as-of date: the oldest history, GL periods and
#: duplicates reach back; nothing reaches forward further than a payment run.
_CALENDAR_BACK_DAYS = 800
_CALENDAR_AHEAD_DAYS = 120
#: An invoice's last update: this long after its last event, or after its entry (a Draft).
_UPDATED_AFTER_EVENT = timedelta(minutes=45)
_UPDATED_AFTER_ENTRY = timedelta(hours=4)
#: Days from invoice date to due date, per payment terms.
_TERM_DAYS = {terms: timedelta(days=days) for terms, days in PAYMENT_TERM_DAYS.items()}


class InvoiceTree(NamedTuple):
    """An invoice's rows (immutable as a named tuple: a frozen dataclass cost four times as much
    to make)."""

    invoice: dict[str, Any]
    lines: list[dict[str, Any]]
    #: The invoice's integration log, oldest first (empty for a Draft).
    responses: list[dict[str, Any]]

    @property
    def response(self) -> dict[str, Any] | None:
        """The latest response: the one that agrees with the invoice's status."""
        return self.responses[-1] if self.responses else None


def po_for(vendor: Vendor, project_number: str) -> str:
    """Each vendor has one PO per project, stable across runs."""
    return f"PO-{10000 + zlib.crc32(f'{vendor.vendor_id}/{project_number}'.encode()) % 90000}"


class InvoiceFactory:
    """Invoice ``index`` of a run is a function of the run's seed, options, project and index."""

    def __init__(self, run: RunContext, spec: InvoiceSpec | None = None) -> None:
        self.run = run
        #: What the caller pinned on every invoice this factory builds (the ORM factories).
        self.spec = spec or InvoiceSpec()
        options = run.options
        self.as_of = options.as_of
        calendar = Calendar(
            self.as_of - timedelta(days=_CALENDAR_BACK_DAYS),
            self.as_of + timedelta(days=_CALENDAR_AHEAD_DAYS),
        )
        windows = LEDGER_WINDOWS if options.ledger else SEED_WINDOWS
        self.timeline = Timeline(calendar, self.as_of, windows)
        self.lines = InvoiceLineFactory(run.project.budget_line_ids)
        self.responses = IntegrationResponseFactory(run)
        self.amounts = Amounts(to_cents(options.approval_limit))
        self.vendors = VendorChoice(vendor_named(options.vendor) if options.vendor else None)
        self.scenarios: tuple[HoldScenario, ...] = eligible_scenarios(
            options.hold_reasons, options.statuses
        )
        self.reasons = ReasonDraw(self.scenarios, options.plan, options.seed)
        self.hold_context = HoldContext(
            run.project.project_number,
            self.amounts.limit_cents,
            self.lines,
            self.draft,
            options.plan.paid_before,
            self.timeline,
        )
        self.history = History(self.timeline, self.scenarios, self.hold_context)
        self.recurring = (
            None
            if options.vendor
            else Recurring(options.seed, self.as_of, windows.history_days, self.amounts.cap_cents)
        )
        #: A draft's entry time until its timeline sets it.
        self._as_of_midnight = datetime.combine(self.as_of, time())
        self._po_numbers: dict[str, str] = {}
        number_rng = record_rng(options.seed, "invoice-numbers", 0)
        self.first_number = number_rng.randrange(10_000_000, 40_000_000)

    def build(self, index: int, money: Callable[[int], Any] = cents_to_decimal) -> InvoiceTree:
        """Invoice ``index``'s rows, amounts as ``money`` makes them of cents (``Decimal``)."""
        # One stream per invoice: its log's draws continue where its draft's ended.
        rng = record_rng(self.run.options.seed, "invoice", index)
        draft = self._draft(rng, index)
        invoice_id = self.spec.invoice_id or self.run.invoice_id(index)
        amounts = line_amounts(draft.lines)
        return InvoiceTree(
            self._invoice_row(invoice_id, draft, money(sum(amounts))),
            self.lines.rows(invoice_id, draft.lines, amounts, money),
            self.responses.build(rng, invoice_id, draft),
        )

    def draft(self, index: int) -> InvoiceDraft:
        """Invoice ``index``'s draft, as ``build`` makes it (a duplicate's twin needs it)."""
        return self._draft(record_rng(self.run.options.seed, "invoice", index), index, twin=True)

    def _draft(self, rng: Draws, index: int, twin: bool = False) -> InvoiceDraft:
        options = self.run.options
        status = options.status_of(index)
        scenario = self.reasons.of(rng, index) if status == "Hold" else None
        code = scenario.code if scenario is not None else None
        monthly = None
        if status == "Paid" and self.recurring is not None and self.spec.may_recur:
            monthly = self.recurring.month_of(options.plan.rank(index))
        if monthly is not None:
            vendor = self.spec.vendor(monthly[0].vendor)
            lines = Recurring.lines(monthly[0], rng.weighted(VALID_TAX_CODES, TAX_CODE_CUM_WEIGHTS))
        else:
            vendor = self.spec.vendor(self.vendors.of(rng, code))
            trade = TRADES[vendor.trade]
            if code == "APPROVAL_LIMIT_EXCEEDED":
                target = self.amounts.above_limit(rng)
            else:
                target = self.amounts.below_limit(rng, trade)
            target = self.spec.total_cents or target
            lines = self.lines.build_drafts(rng, trade, target, self.spec.line_count)
            self._fit(lines, code)
        draft = InvoiceDraft(
            index=index,
            status=status,
            invoice_number=self._number(index, twin),
            vendor=vendor,
            vendor_id=vendor.vendor_id,
            po_number=options.po_number or self._po_number(vendor),
            lines=lines,
            invoice_date=self.as_of,
            created_at=self._as_of_midnight,
        )
        fix_days = self.history.fix_days(rng, status) if options.ledger else 0
        if monthly is not None:
            self.timeline.pay(
                rng, draft, self.timeline.calendar.business_on_or_after(monthly[1]), 0
            )
            draft.created_at = self.timeline.entered(rng, draft.invoice_date)
        else:
            self.timeline.fill(rng, draft, fix_days)
        self._integration(rng, draft, scenario, fix_days)
        draft.days_pending = self._days_pending(draft)
        return draft

    def _integration(
        self, rng: Draws, draft: InvoiceDraft, scenario: HoldScenario | None, fix_days: int
    ) -> None:
        """The Hold's defect and the attempts before the latest one."""
        if scenario is not None:
            draft.operation = scenario.reason.operation
            draft.error = scenario.apply(draft, rng, self.hold_context)
            # A replaced line may have changed the total.
            self._fit(draft.lines, scenario.code)
        elif RULES[draft.status].operations:
            draft.operation = rng.choice(RULES[draft.status].operations)
        if self.run.options.ledger and draft.submitted_at is not None:
            draft.attempts = self.history.earlier(rng, draft, fix_days)

    def _po_number(self, vendor: Vendor) -> str:
        """``po_for`` the run's project, once per vendor."""
        number = self._po_numbers.get(vendor.vendor_id)
        if number is None:
            number = self._po_numbers[vendor.vendor_id] = po_for(
                vendor, self.run.project.project_number
            )
        return number

    def _number(self, index: int, twin: bool) -> str:
        """The pinned number, except on a duplicate's twin (another invoice)."""
        if self.spec.invoice_number is not None and not twin:
            return self.spec.invoice_number
        return f"INV-{self.first_number + index}"

    def _fit(self, lines: list[LineDraft], code: str | None) -> None:
        """The pinned total to the cent; else only the approval-limit Hold is above the cap."""
        if self.spec.total_cents is not None:
            fit_exactly(lines, self.spec.total_cents)
        elif code != "APPROVAL_LIMIT_EXCEEDED":
            InvoiceLineFactory.fit_below(lines, self.amounts.cap_cents)

    def _days_pending(self, draft: InvoiceDraft) -> int:
        """Draft: since the invoice date; Submitted and Hold: since submission; Approved: days
        from submission to approval; Paid: days from submission to payment."""
        if draft.submitted_at is None:
            return (self.as_of - draft.invoice_date).days
        submitted = draft.submitted_at.date()
        end: date = self.as_of
        if draft.paid_at is not None:
            end = draft.paid_at.date()
        elif draft.approved_at is not None:
            end = draft.approved_at.date()
        return (end - submitted).days

    def _invoice_row(self, invoice_id: str, draft: InvoiceDraft, total: Any) -> dict[str, Any]:
        rule = RULES[draft.status]
        error = draft.error
        last_event = draft.paid_at or draft.approved_at or draft.submitted_at
        updated_at = (
            last_event + _UPDATED_AFTER_EVENT
            if last_event is not None
            else draft.created_at + _UPDATED_AFTER_ENTRY
        )
        return {
            "id": invoice_id,
            "project_id": self.run.project.project_id,
            "invoice_number": draft.invoice_number,
            "vendor_name": draft.vendor.name,
            "vendor_id": draft.vendor_id,
            "po_number": draft.po_number,
            "status": draft.status,
            "integration_status": rule.integration_status,
            "error_code": error.code if error else None,
            "error_message": error.message if error else None,
            "total_amount": total,
            "currency": self.run.options.currency,
            "payment_terms": draft.vendor.payment_terms,
            "invoice_date": draft.invoice_date,
            "due_date": draft.invoice_date + _TERM_DAYS[draft.vendor.payment_terms],
            "submitted_at": draft.submitted_at,
            "approved_at": draft.approved_at,
            "paid_at": draft.paid_at,
            "days_pending": draft.days_pending,
            "created_at": draft.created_at,
            "updated_at": updated_at,
        }

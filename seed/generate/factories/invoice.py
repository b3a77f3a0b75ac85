"""Builds one invoice's whole subtree (invoice, lines, integration response) from its index."""

import math
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any

from seed.domain.catalog import PAYMENT_TERM_DAYS, VENDORS, Vendor
from seed.domain.money import cents_to_decimal, to_cents
from seed.domain.statuses import RULES
from seed.generate.factories.context import RunContext
from seed.generate.factories.drafts import InvoiceDraft, LineDraft
from seed.generate.factories.exact_total import fit_exactly
from seed.generate.factories.holds import HoldContext, HoldScenario, eligible_scenarios
from seed.generate.factories.integration_response import IntegrationResponseFactory
from seed.generate.factories.invoice_line import InvoiceLineFactory
from seed.generate.factories.spec import InvoiceSpec
from seed.generate.values import Draws, business_time, record_rng

#: Normal invoices stay below this share of the approval limit.
_NORMAL_CAP = 0.95
_SMALLEST_INVOICE_CENTS = 30_000


@dataclass(frozen=True, slots=True)
class InvoiceTree:
    invoice: dict[str, Any]
    lines: list[dict[str, Any]]
    response: dict[str, Any] | None


def vendor_named(name: str) -> Vendor:
    """The catalogue vendor of that name, or a vendor with a stable id derived from the name."""
    for vendor in VENDORS:
        if vendor.name.lower() == name.lower():
            return vendor
    return Vendor(f"V-{10000 + zlib.crc32(name.encode()) % 80000}", name, "Net 30")


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
        self.lines = InvoiceLineFactory(run.project.budget_line_ids)
        self.responses = IntegrationResponseFactory(run)
        self.limit_cents = to_cents(options.approval_limit)
        self.pinned_vendor = vendor_named(options.vendor) if options.vendor else None
        self.scenarios: tuple[HoldScenario, ...] = eligible_scenarios(
            options.hold_reasons, options.statuses
        )
        self.scenario_weights = list(accumulate(s.reason.weight for s in self.scenarios))
        self.hold_context = HoldContext(
            run.project.project_number, self.limit_cents, self.lines, self.draft
        )
        number_rng = record_rng(options.seed, "invoice-numbers", 0)
        self.first_number = number_rng.randrange(10_000_000, 40_000_000)

    def build(self, index: int) -> InvoiceTree:
        # One stream per invoice: its response draws continue where its draft's ended.
        rng = record_rng(self.run.options.seed, "invoice", index)
        draft = self._draft(rng, index)
        invoice_id = self.spec.invoice_id or self.run.invoice_id(index)
        return InvoiceTree(
            self._invoice_row(invoice_id, draft),
            self.lines.rows(invoice_id, draft.lines),
            self.responses.build(rng, invoice_id, draft),
        )

    def draft(self, index: int) -> InvoiceDraft:
        """Invoice ``index``'s draft, as ``build`` makes it (a duplicate's twin needs it)."""
        return self._draft(record_rng(self.run.options.seed, "invoice", index), index, twin=True)

    def _draft(self, rng: Draws, index: int, twin: bool = False) -> InvoiceDraft:
        options = self.run.options
        status = options.status_of(index)
        vendor = self.spec.vendor(self.pinned_vendor or rng.choice(VENDORS))
        scenario = rng.weighted(self.scenarios, self.scenario_weights) if status == "Hold" else None
        if scenario is not None and scenario.code == "APPROVAL_LIMIT_EXCEEDED":
            target = round(self.limit_cents * rng.uniform(1.1, 2.5))
        else:
            high = self.limit_cents * 0.8
            low = min(_SMALLEST_INVOICE_CENTS, high / 2)
            target = round(math.exp(rng.uniform(math.log(low), math.log(high))))
        target = self.spec.total_cents or target
        lines = self.lines.build_drafts(rng, target, self.spec.line_count)
        self._fit(lines, scenario)
        draft = InvoiceDraft(
            index=index,
            status=status,
            invoice_number=self._number(index, twin),
            vendor=vendor,
            vendor_id=vendor.vendor_id,
            po_number=options.po_number or po_for(vendor, self.run.project.project_number),
            lines=lines,
            invoice_date=self.as_of,
            created_at=datetime.combine(self.as_of, time()),
        )
        self._timeline(rng, draft)
        if scenario is not None:
            draft.operation = scenario.reason.operation
            draft.error = scenario.apply(draft, rng, self.hold_context)
            # A replaced line may have changed the total.
            self._fit(draft.lines, scenario)
        elif RULES[status].operations:
            draft.operation = rng.choice(RULES[status].operations)
        draft.days_pending = self._days_pending(draft)
        return draft

    def _number(self, index: int, twin: bool) -> str:
        """The pinned number, except on a duplicate's twin (another invoice)."""
        if self.spec.invoice_number is not None and not twin:
            return self.spec.invoice_number
        return f"INV-{self.first_number + index}"

    def _fit(self, lines: list[LineDraft], scenario: HoldScenario | None) -> None:
        """The pinned total to the cent; else only the approval-limit Hold is near the limit."""
        if self.spec.total_cents is not None:
            fit_exactly(lines, self.spec.total_cents)
        elif scenario is None or scenario.code != "APPROVAL_LIMIT_EXCEEDED":
            InvoiceLineFactory.fit_below(lines, int(self.limit_cents * _NORMAL_CAP))

    def _timeline(self, rng: Draws, draft: InvoiceDraft) -> None:
        """invoice date <= submitted <= approved <= paid <= as-of, per the status's rule."""
        as_of = self.as_of
        rule = RULES[draft.status]
        window = rule.submission_window
        if window is None:  # never submitted: pending since its invoice date
            assert rule.days_pending is not None
            draft.invoice_date = as_of - timedelta(days=rng.randint(*rule.days_pending))
        else:
            ago = rng.randint(*window)
            submitted_day = as_of - timedelta(days=ago)
            draft.submitted_at = business_time(rng, submitted_day)
            draft.invoice_date = submitted_day - timedelta(days=rng.randint(0, 10))
            if rule.approved:
                approve_after = rng.randint(1, min(15 if rule.paid else 20, ago))
                approved_day = submitted_day + timedelta(days=approve_after)
                draft.approved_at = business_time(rng, approved_day)
                if rule.paid:
                    pay_after = rng.randint(5, min(45, ago - approve_after))
                    draft.paid_at = business_time(rng, approved_day + timedelta(days=pay_after))
        # Entered before anything else happens to it: early on its invoice date.
        draft.created_at = business_time(rng, draft.invoice_date, 6, 7)

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

    def _invoice_row(self, invoice_id: str, draft: InvoiceDraft) -> dict[str, Any]:
        rule = RULES[draft.status]
        error = draft.error
        last_event = draft.paid_at or draft.approved_at or draft.submitted_at
        updated_at = (
            last_event + timedelta(minutes=45)
            if last_event is not None
            else draft.created_at + timedelta(hours=4)
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
            "total_amount": cents_to_decimal(draft.total_cents),
            "currency": self.run.options.currency,
            "payment_terms": draft.vendor.payment_terms,
            "invoice_date": draft.invoice_date,
            "due_date": draft.invoice_date
            + timedelta(days=PAYMENT_TERM_DAYS[draft.vendor.payment_terms]),
            "submitted_at": draft.submitted_at,
            "approved_at": draft.approved_at,
            "paid_at": draft.paid_at,
            "days_pending": draft.days_pending,
            "created_at": draft.created_at,
            "updated_at": updated_at,
        }

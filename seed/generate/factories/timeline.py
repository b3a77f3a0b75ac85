"""An invoice's dates on the AP calendar: invoice date, submission, approval and payment.

Open invoices are placed back from the as-of date by the day ranges of their status (SEED.md's
for ``--per-status`` runs, a production ledger's for ``--invoices`` runs); Paid invoices run
forward from their invoice date: approval a few business days after submission, payment on the
last payment run before the due date, or later for the vendor's late tail.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from seed.domain.calendar import WORK_END_HOUR, WORK_START_HOUR, Calendar
from seed.domain.statuses import RULES
from seed.domain.vendors import PAYMENT_TERM_DAYS
from seed.generate.factories.drafts import InvoiceDraft
from seed.generate.values import Draws

#: Share of invoice dates moved into the last three business days of their month.
MONTH_END_SHARE = 0.4
#: Most days an invoice dated at the end of a month waits to be submitted.
_MONTH_END_REACH_DAYS = 20
#: Business days from invoice date to submission (mail, scanning, data entry).
ENTRY_LAG = (0, 4)
#: Business days from submission (or resubmission) to approval.
APPROVAL_LAG = (1, 6)
#: Mean days a late payment misses its due date by.
MEAN_DAYS_LATE = 12
#: Days from the invoice date to its payment that the newest Paid invoices leave before as-of.
PAID_MARGIN_DAYS = 20
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Windows:
    """Days before the as-of date an invoice's anchoring event falls in, per status."""

    draft: tuple[int, int]
    submitted: tuple[int, int]
    hold: tuple[int, int]
    #: Mean age of a Hold when drawn from a tail (None: uniform in ``hold``).
    hold_mean: int | None
    #: Approved invoices were approved this many days ago and await their payment run.
    approved: tuple[int, int]
    #: Oldest invoice date of a Paid invoice.
    history_days: int


def _range(status: str, ledger: bool) -> tuple[int, int]:
    rule = RULES[status]
    found = (rule.ledger_days_pending if ledger else None) or rule.days_pending
    assert found is not None
    return found


#: ``--per-status``: SEED.md's ranges, Paid invoices from the last five months.
SEED_WINDOWS = Windows(
    _range("Draft", False), _range("Submitted", False), _range("Hold", False), None, (1, 40), 150
)
#: ``--invoices``: a ledger of 13 months whose open items are recent, with an aging tail of Holds.
LEDGER_WINDOWS = Windows(
    _range("Draft", True), _range("Submitted", True), _range("Hold", True), 28, (1, 30), 395
)


class Timeline:
    def __init__(self, calendar: Calendar, as_of: date, windows: Windows) -> None:
        self.calendar = calendar
        self.as_of = as_of
        self.windows = windows
        #: Positions of the business days of each window back from as-of (business_day_ago).
        self._days_ago: dict[tuple[int, int], range] = {}
        #: The oldest invoice date of a Paid invoice; its latest possible payment run.
        self._oldest_paid = as_of - timedelta(days=windows.history_days)
        self._last_run = calendar.payment_run_on_or_before(as_of - _DAY)

    def moment(self, rng: Draws, day: date) -> datetime:
        """A time during working hours on ``day``, naive UTC."""
        return self.calendar.at(day, rng.randrange(WORK_START_HOUR * 3600, WORK_END_HOUR * 3600))

    def business_day_ago(self, rng: Draws, window: tuple[int, int]) -> date:
        """A business day whose distance back from as-of is in ``window``."""
        positions = self._days_ago.get(window)
        if positions is None:
            low, high = window
            positions = self._days_ago[window] = self.calendar.business_positions(
                self.as_of - timedelta(days=high), self.as_of - timedelta(days=low)
            )
        return self.calendar.business_day(rng.choice(positions))

    def invoice_date(self, rng: Draws, low: date, high: date) -> date:
        """A business day between ``low`` and ``high``, with the month-end billing peak."""
        day = self.calendar.business_day(rng.choice(self.calendar.business_positions(low, high)))
        if rng.random() < MONTH_END_SHARE:
            ends = [
                d for d in self.calendar.last_business_days_of_month(day, 3) if low <= d <= high
            ]
            if ends:
                day = rng.choice(ends)
        return day

    def billed_before(self, rng: Draws, submitted: date) -> date:
        """The invoice date of an invoice submitted on ``submitted``: a few business days
        before, or, as often as the month-end peak asks, the end of the month it fell in."""
        day = self.before(rng, submitted, ENTRY_LAG)
        if rng.random() < MONTH_END_SHARE:
            ends = [
                d
                for month in (day, day.replace(day=1) - timedelta(days=1))
                for d in self.calendar.last_business_days_of_month(month, 3)
                if d <= submitted and (submitted - d).days <= _MONTH_END_REACH_DAYS
            ]
            if ends:
                day = rng.choice(ends)
        return day

    def before(self, rng: Draws, day: date, lag: tuple[int, int]) -> date:
        return self.calendar.add_business_days(day, -rng.randint(*lag))

    def after(self, rng: Draws, day: date, lag: tuple[int, int]) -> date:
        return self.calendar.add_business_days(day, rng.randint(*lag))

    def fill(self, rng: Draws, draft: InvoiceDraft, hold_days: int) -> None:
        """Set the draft's dates; ``hold_days``: business days a resolved Hold waited."""
        status, w = draft.status, self.windows
        if status == "Draft":
            draft.invoice_date = self.business_day_ago(rng, w.draft)
        elif status == "Paid":
            self._paid(rng, draft, hold_days)
        else:
            if status == "Submitted":
                submitted = self.business_day_ago(rng, w.submitted)
            elif status == "Hold":
                submitted = self._hold_submission(rng)
            else:  # Approved, awaiting its payment run
                approved = self.business_day_ago(rng, w.approved)
                draft.approved_at = self.moment(rng, approved)
                submitted = self.before(rng, approved, APPROVAL_LAG)
                submitted = self.calendar.add_business_days(submitted, -hold_days)
            draft.submitted_at = self.moment(rng, submitted)
            draft.invoice_date = self.billed_before(rng, submitted)
        draft.created_at = self.entered(rng, draft.invoice_date)

    def entered(self, rng: Draws, invoice_date: date) -> datetime:
        """When an invoice was keyed in: early on its invoice date, before anything else."""
        return self.calendar.at(invoice_date, rng.randrange(6 * 3600, WORK_START_HOUR * 3600))

    def _hold_submission(self, rng: Draws) -> date:
        low, high = self.windows.hold
        mean = self.windows.hold_mean
        ago = (
            rng.randint(low, high)
            if mean is None
            else min(low + int(rng.expovariate(1 / mean)), high)
        )
        day = self.calendar.business_on_or_before(self.as_of - timedelta(days=ago))
        if (self.as_of - day).days > high:
            day = self.calendar.business_on_or_after(self.as_of - timedelta(days=high))
        return day

    def _paid(self, rng: Draws, draft: InvoiceDraft, hold_days: int) -> None:
        terms = PAYMENT_TERM_DAYS[draft.vendor.payment_terms]
        oldest = self._oldest_paid
        newest = self.as_of - timedelta(days=terms + PAID_MARGIN_DAYS + 2 * hold_days)
        invoice = self.invoice_date(rng, oldest, max(newest, oldest))
        self.pay(rng, draft, invoice, hold_days)

    def pay(self, rng: Draws, draft: InvoiceDraft, invoice: date, hold_days: int) -> None:
        """Submission, approval and payment of a Paid invoice dated ``invoice``."""
        cal = self.calendar
        terms = PAYMENT_TERM_DAYS[draft.vendor.payment_terms]
        submitted = self.after(rng, invoice, ENTRY_LAG)
        approved = self.after(rng, cal.add_business_days(submitted, hold_days), APPROVAL_LAG)
        due = invoice + timedelta(days=terms)
        if rng.random() < draft.vendor.late_share:
            late = due + timedelta(days=1 + int(rng.expovariate(1 / MEAN_DAYS_LATE)))
            # A tail past the last run before as-of lands on that run (below) either way; clamped
            # first, it is never looked up past the calendar's end (a run of 100,000 invoices
            # drew such a tail about once in 280 runs and failed, a million about once in 28).
            paid = cal.payment_run_on_or_after(min(late, self._last_run))
        else:
            paid = cal.payment_run_on_or_before(due)
        # Never on or before the approval day, never after the as-of date.
        paid = max(min(paid, self._last_run), cal.payment_run_on_or_after(approved + _DAY))
        draft.invoice_date = invoice
        draft.submitted_at = self.moment(rng, submitted)
        draft.approved_at = self.moment(rng, approved)
        draft.paid_at = self.moment(rng, paid)

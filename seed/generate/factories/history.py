"""An invoice's integration log in ``--invoices`` runs: failed attempts before the latest one.

- A resolved Hold (Approved or Paid now): an attempt rejected for a fixable defect, which its
  request still shows (a mistyped vendor id, another PO, a retired tax code, an unbudgeted
  category), then the fixed resubmission.
- A retry after a timeout: an attempt Infinium never answered, resubmitted the same day.
- A Hold that failed more than once: the same defect sent again on earlier business days.

The latest attempt is the one ``--per-status`` runs log alone: it agrees with the invoice's
status. Amounts in an earlier request are the invoice's: only the defect's field differs.
"""

from dataclasses import replace
from datetime import datetime, timedelta

from seed.generate.factories.drafts import Attempt, InvoiceDraft
from seed.generate.factories.holds import HoldContext, HoldScenario
from seed.generate.factories.timeline import Timeline
from seed.generate.values import Draws

#: Reasons a later resubmission fixes without changing the invoice's amount or dates.
RESOLVABLE = ("VENDOR_NOT_FOUND", "BUDGET_LINE_NOT_FOUND", "PO_MISMATCH", "INVALID_TAX_CODE")
#: Shares of Approved and Paid invoices that were held first, and of every submitted invoice
#: whose first attempt timed out; share of Holds sent more than once.
RESOLVED_SHARE = 0.07
TIMEOUT_RETRY_SHARE = 0.03
REPEATED_HOLD_SHARE = 0.35
#: Invoices whose first attempt may have timed out and been retried (a Hold's earlier attempts
#: carry its own defect).
_TIMEOUT_RETRY_STATUSES = ("Submitted", "Approved", "Paid")
#: Business days a held invoice waits for its fix.
FIX_DAYS = (1, 15)


class History:
    def __init__(
        self, timeline: Timeline, scenarios: tuple[HoldScenario, ...], context: HoldContext
    ) -> None:
        self.timeline = timeline
        self.context = context
        by_code = {s.code: s for s in scenarios}
        self.resolvable = tuple(by_code[c] for c in RESOLVABLE if c in by_code)
        self.timeout = by_code.get("ERP_TIMEOUT")

    def fix_days(self, rng: Draws, status: str) -> int:
        """Business days a resolved Hold waited (0: it was never held)."""
        if status in ("Approved", "Paid") and self.resolvable and rng.random() < RESOLVED_SHARE:
            return rng.randint(*FIX_DAYS)
        return 0

    def earlier(self, rng: Draws, draft: InvoiceDraft, fix_days: int) -> list[Attempt]:
        """The attempts before the latest one, oldest first."""
        assert draft.submitted_at is not None
        first_sent = draft.submitted_at + timedelta(minutes=rng.randint(1, 30))
        if fix_days:
            attempts = [self._defective(rng, draft, rng.choice(self.resolvable), first_sent)]
            if draft.status == "Paid":
                day = self.timeline.calendar.add_business_days(draft.submitted_at.date(), fix_days)
                attempts.append(self._resubmitted(rng, draft, self.timeline.moment(rng, day)))
            return attempts
        if draft.status == "Hold" and rng.random() < REPEATED_HOLD_SHARE:
            return self._repeated(rng, draft, first_sent)
        if (
            self.timeout is not None
            and draft.status in _TIMEOUT_RETRY_STATUSES
            and rng.random() < TIMEOUT_RETRY_SHARE
        ):
            return [self._defective(rng, draft, self.timeout, first_sent)]
        return []

    def _defective(
        self, rng: Draws, draft: InvoiceDraft, scenario: HoldScenario, sent: datetime
    ) -> Attempt:
        sent_copy = replace(
            draft,
            lines=[replace(line) for line in draft.lines],
            request_overrides=draft.request_overrides.copy(),
            response_seconds=rng.randint(1, 8),
        )
        error = scenario.apply(sent_copy, rng, self.context)
        for line, original in zip(sent_copy.lines, draft.lines, strict=True):
            line.quantity_hundredths, line.price_cents = (
                original.quantity_hundredths,
                original.price_cents,
            )
        return Attempt(
            sent_copy, sent, scenario.reason.operation, "ERROR", error, sent_copy.response_seconds
        )

    def _resubmitted(self, rng: Draws, draft: InvoiceDraft, sent: datetime) -> Attempt:
        operation = rng.choice(("CREATE", "VALIDATE"))
        return Attempt(draft, sent, operation, "SUCCESS", None, rng.randint(1, 8))

    def _repeated(self, rng: Draws, draft: InvoiceDraft, first_sent: datetime) -> list[Attempt]:
        """Earlier sends of the same defective invoice, a few business days apart, the latest
        one still before the as-of date (it is then the invoice's latest attempt)."""
        assert draft.operation is not None and draft.error is not None
        calendar, as_of = self.timeline.calendar, self.timeline.as_of
        sends = [first_sent]
        for _ in range(rng.randint(1, 2)):
            day = calendar.add_business_days(sends[-1].date(), rng.randint(1, 5))
            if day >= as_of:
                break
            sends.append(self.timeline.moment(rng, day))
        draft.last_sent = sends[-1]
        return [
            Attempt(draft, sent, draft.operation, "ERROR", draft.error, draft.response_seconds)
            for sent in sends[:-1]
        ]

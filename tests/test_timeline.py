"""Paid invoices' dates stay inside the run's calendar however long a late payment's tail."""

from datetime import date

from seed.domain.catalog import BUDGET_CATEGORIES
from seed.generate.factories import InvoiceFactory, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.generate.values import Draws

AS_OF = date(2026, 12, 6)


class _LongestTail(Draws):
    """Every uniform draw at its lowest (so the vendor's late tail is taken), and a late
    payment's delay drawn from the far end of its exponential."""

    def random(self) -> float:
        return 0.0

    def expovariate(self, lambd: float = 1.0) -> float:
        return 10_000.0


def test_a_late_payment_past_the_calendar_is_paid_on_the_last_run_before_as_of() -> None:
    options = SeedOptions(seed=3, as_of=AS_OF, per_status=4, statuses=("Paid",))
    budget = {c: f"T-B{n}" for n, (c, _, _) in enumerate(BUDGET_CATEGORIES, 1)}
    factory = InvoiceFactory(RunContext("T", options, ProjectContext("T-P", "PROJ-001", budget)))
    draft = factory.draft(0)
    timeline = factory.timeline
    # A recent invoice: its late tail (10,000 days) reaches far past the calendar's end
    # (as-of + 120 days), as a draw in the exponential's far tail does from any due date.
    invoice = timeline.calendar.business_on_or_before(AS_OF.replace(day=1))
    timeline.pay(_LongestTail(0), draft, invoice, 0)
    assert draft.paid_at is not None and draft.approved_at is not None
    last_run = timeline.calendar.payment_run_on_or_before(date(2026, 12, 5))
    assert draft.paid_at.date() == last_run
    assert draft.approved_at < draft.paid_at

"""Legitimate recurring invoices: monthly rentals billed for the same amount month after month.

Beside true duplicates, an analyst needs same-vendor, same-amount invoices that are *not*
duplicates. Every 25th Paid invoice of a run (by rank among the Paid ones) is one month of one of
a few monthly contracts: same vendor, same lines, same total, dated the first business day of
its month, one invoice per contract and month.
"""

from dataclasses import dataclass
from datetime import date

from seed.domain.trades import TRADES, Item
from seed.domain.vendors import VENDORS, Vendor
from seed.generate.factories.drafts import LineDraft
from seed.generate.values import record_rng

#: Trades that rent by the month, and how many contracts a run has.
RENTAL_TRADES = ("Equipment rental", "Waste and site services")
CONTRACTS = 6
EVERY_NTH_PAID = 25
#: The newest month billed: old enough for its invoice to be paid by the as-of date.
NEWEST_MONTHS_BACK = 2


@dataclass(frozen=True)
class Contract:
    vendor: Vendor
    #: (item, quantity in hundredths, price in cents): the same every month.
    lines: tuple[tuple[Item, int, int], ...]


def contracts(seed: int) -> tuple[Contract, ...]:
    vendors = [
        v for v in VENDORS if v.trade in RENTAL_TRADES and v.payment_terms in ("Net 15", "Net 30")
    ]
    found = []
    for number in range(CONTRACTS):
        rng = record_rng(seed, "contract", number)
        vendor = vendors[number % len(vendors)]
        monthly = [i for i in TRADES[vendor.trade].items if i.unit_of_measure == "MO"]
        items = rng.sample(monthly, min(2, len(monthly)))
        lines = tuple(
            (
                item,
                100 * rng.randint(1, max(1, item.quantity_hundredths[1] // 100)),
                rng.randint(*item.price_cents),
            )
            for item in items
        )
        found.append(Contract(vendor, lines))
    return tuple(found)


class Recurring:
    def __init__(self, seed: int, as_of: date, history_days: int, cap_cents: int) -> None:
        # A contract billing more than an invoice may (below the approval limit) is not one.
        self.contracts = tuple(
            c for c in contracts(seed) if sum(q * p // 100 for _, q, p in c.lines) <= cap_cents
        )
        self.as_of = as_of
        self.oldest_months_back = history_days // 31 - 1

    def month_of(self, paid_rank: int) -> tuple[Contract, date] | None:
        """The contract and month (its first day) the Paid invoice of this rank bills, if any."""
        if paid_rank % EVERY_NTH_PAID:
            return None
        slot, kinds = paid_rank // EVERY_NTH_PAID, len(self.contracts)
        if not kinds:
            return None
        back = NEWEST_MONTHS_BACK + slot // kinds
        if back > self.oldest_months_back:
            return None
        months = self.as_of.year * 12 + self.as_of.month - 1 - back
        return self.contracts[slot % kinds], date(months // 12, months % 12 + 1, 1)

    @staticmethod
    def lines(contract: Contract, tax_code: str) -> list[LineDraft]:
        return [
            LineDraft(
                item.cost_category,
                item.description,
                item.unit_of_measure,
                quantity,
                price,
                tax_code,
                item.quantity_step,
            )
            for item, quantity, price in contract.lines
        ]

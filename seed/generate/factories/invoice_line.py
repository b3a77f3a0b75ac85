"""Builds an invoice's line items from its vendor's trade: quantities and prices that add up.

A line is aimed at a share of the invoice's amount: the quantity is what that share buys at the
item's typical price (whole units for countable items), then the unit price settles the rest
within the item's price range. Line amounts are quantity x price to the cent.
"""

import math
from bisect import bisect
from collections.abc import Callable
from typing import Any

from seed.domain.catalog import TAX_CODE_CUM_WEIGHTS, VALID_TAX_CODES
from seed.domain.trades import Item, Trade
from seed.generate.factories.drafts import LineDraft, line_amounts
from seed.generate.values import Draws

_TAX_TOTAL = TAX_CODE_CUM_WEIGHTS[-1]
#: The spread of a line's unit price around its item's typical price: 0.85 to 1.15 times it.
_TYPICAL_SPREAD = 1.15 - 0.85
#: 2 to 8 lines per invoice, each count as likely (SEED.md); the benchmark's floors draw the same.
LINES_PER_INVOICE = (2, 8)


class InvoiceLineFactory:
    """One invoice's lines; rows reference the project's budget line of their category."""

    def __init__(self, budget_line_ids: dict[str, str]) -> None:
        self.budget_line_ids = budget_line_ids

    def build_drafts(
        self, rng: Draws, trade: Trade, target_cents: int, count: int | None = None
    ) -> list[LineDraft]:
        """2 to 8 lines (or ``count``) of the trade's items whose amounts add up to about
        ``target_cents``; each line's item is one its share of the amount can buy."""
        drawn = rng.randint(*LINES_PER_INVOICE)
        count = count or drawn
        random = rng.random
        # rng.uniform(0.5, 2.0) inlined, as it computes it: a + (b - a) * random().
        weights = [0.5 + 1.5 * random() for _ in range(count)]
        scale = target_cents / sum(weights)
        lines = []
        for weight in weights:
            share = round(weight * scale)
            item = trade.by_smallest[int(random() * trade.affordable(share))]
            lines.append(self.line_for(rng, item, share))
        return lines

    def line_for(self, rng: Draws, item: Item, share_cents: int) -> LineDraft:
        """A line of ``item`` worth about ``share_cents``."""
        # rng.uniform(0.85, 1.15) inlined, as it computes it: a + (b - a) * random().
        typical = item.typical_price_cents * (0.85 + _TYPICAL_SPREAD * rng.random())
        step = item.quantity_step
        # Both clamped into their item's range (conditionals: a third of min(max()) calls).
        low_qty, high_qty = item.quantity_bounds
        quantity = round(share_cents * 100 / typical / step) * step
        quantity = low_qty if quantity < low_qty else high_qty if quantity > high_qty else quantity
        low_price, high_price = item.price_cents
        price = round(share_cents * 100 / quantity)
        price = low_price if price < low_price else high_price if price > high_price else price
        # rng.weighted(VALID_TAX_CODES, TAX_CODE_CUM_WEIGHTS) inlined.
        tax_code = VALID_TAX_CODES[bisect(TAX_CODE_CUM_WEIGHTS, rng.random() * _TAX_TOTAL)]
        return LineDraft(
            item.cost_category,
            item.description,
            item.unit_of_measure,
            quantity,
            price,
            tax_code,
            step,
        )

    @staticmethod
    def fit_below(lines: list[LineDraft], cap_cents: int) -> None:
        """Lower quantities (whole steps, largest line first) until the total fits under the
        cap; only when every line is down to one step, lower the largest line's price."""
        total = sum(line_amounts(lines))
        while total > cap_cents:
            excess = total - cap_cents
            reducible = [line for line in lines if line.quantity_hundredths > line.step]
            if reducible:
                line = max(reducible, key=lambda line: line.amount_cents)
                steps = math.ceil(excess * 100 / line.price_cents / line.step)
                line.quantity_hundredths = max(
                    line.quantity_hundredths - steps * line.step, line.step
                )
            else:
                priced = [line for line in lines if line.price_cents > 1]
                if not priced:
                    return
                line = max(priced, key=lambda line: line.amount_cents)
                cut = math.ceil(excess * 100 / line.quantity_hundredths)
                line.price_cents = max(line.price_cents - cut, 1)
            total = sum(line_amounts(lines))

    @staticmethod
    def fit_above(lines: list[LineDraft], floor_cents: int) -> None:
        """Raise the largest line's quantity, in whole steps, until the total is above the floor."""
        total = sum(line_amounts(lines))
        if total > floor_cents:
            return
        largest = max(lines, key=lambda line: line.amount_cents)
        missing = floor_cents - total + 1
        steps = math.ceil(missing * 100 / largest.price_cents / largest.step)
        largest.quantity_hundredths += steps * largest.step

    def rows(
        self,
        invoice_id: str,
        lines: list[LineDraft],
        amounts: list[int],
        money: Callable[[int], Any],
    ) -> list[dict[str, Any]]:
        """The lines' rows (``amounts``: their ``line_amounts``), amounts as ``money`` makes
        them of cents (or hundredths)."""
        return [
            {
                "id": f"{invoice_id}-L{number}",
                "invoice_id": invoice_id,
                "budget_line_id": self.budget_line_ids.get(line.cost_category),
                "line_number": number,
                "cost_category": line.cost_category,
                "description": line.description,
                "quantity": money(line.quantity_hundredths),
                "unit_of_measure": line.unit_of_measure,
                "unit_price": money(line.price_cents),
                "tax_code": line.tax_code,
                "line_amount": money(amount),
            }
            for number, (line, amount) in enumerate(zip(lines, amounts, strict=True), start=1)
        ]

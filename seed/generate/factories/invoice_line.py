"""Builds an invoice's line items: realistic quantities and prices that add up to the cent."""

import math
from itertools import accumulate
from typing import Any

from seed.domain.catalog import LINE_CATEGORIES, LINE_ITEMS, VALID_TAX_CODES
from seed.domain.money import cents_to_decimal
from seed.generate.factories.drafts import LineDraft
from seed.generate.values import Draws
from seed.keys import line_key

#: Weights of the valid tax codes (70, 10, 15, 5), cumulated once.
_TAX_CUM_WEIGHTS = tuple(accumulate((70, 10, 15, 5)))


class InvoiceLineFactory:
    """One invoice's lines; rows reference the project's budget line of their category."""

    def __init__(self, budget_line_ids: dict[str, str]) -> None:
        self.budget_line_ids = budget_line_ids

    def build_drafts(
        self, rng: Draws, target_cents: int, count: int | None = None
    ) -> list[LineDraft]:
        """2 to 8 lines (or ``count``) of the usual categories whose amounts add up to about
        ``target_cents``."""
        drawn = rng.randint(2, 8)
        count = count or drawn
        weights = [rng.uniform(0.5, 2.0) for _ in range(count)]
        scale = target_cents / sum(weights)
        return [self.line_for(rng, rng.choice(LINE_CATEGORIES), round(w * scale)) for w in weights]

    def line_for(self, rng: Draws, category: str, share_cents: int) -> LineDraft:
        """A line of ``category`` worth about ``share_cents``, in its item's usual quantities."""
        item = rng.choice(LINE_ITEMS[category])
        low_price, high_price = item.price_cents
        price = rng.randint(low_price, high_price)
        low_qty, high_qty = item.quantity_hundredths
        step = item.quantity_step
        wanted = share_cents * 100 / price
        quantity = min(max(round(wanted / step) * step, low_qty), high_qty)
        quantity = max(quantity - quantity % step, step)
        tax_code = rng.weighted(VALID_TAX_CODES, _TAX_CUM_WEIGHTS)
        return LineDraft(
            category, item.description, item.unit_of_measure, quantity, price, tax_code
        )

    @staticmethod
    def fit_below(lines: list[LineDraft], cap_cents: int) -> None:
        """Lower the largest lines' quantities until the total is at most ``cap_cents``."""
        total = sum(line.amount_cents for line in lines)
        while total > cap_cents:
            largest = max(lines, key=lambda line: line.amount_cents)
            cut = math.ceil((total - cap_cents) * 100 / largest.price_cents)
            largest.quantity_hundredths = max(largest.quantity_hundredths - cut, 1)
            if largest.amount_cents <= 1 and all(line.amount_cents <= 1 for line in lines):
                return
            total = sum(line.amount_cents for line in lines)

    @staticmethod
    def fit_above(lines: list[LineDraft], floor_cents: int) -> None:
        """Raise the largest line's quantity until the total is above ``floor_cents``."""
        total = sum(line.amount_cents for line in lines)
        if total > floor_cents:
            return
        largest = max(lines, key=lambda line: line.amount_cents)
        missing = floor_cents - total + 1
        largest.quantity_hundredths += math.ceil(missing * 100 / largest.price_cents) + 1

    def rows(self, invoice_id: str, lines: list[LineDraft]) -> list[dict[str, Any]]:
        return [
            {
                "id": line_key(invoice_id, number),
                "invoice_id": invoice_id,
                "budget_line_id": self.budget_line_ids.get(line.cost_category),
                "line_number": number,
                "cost_category": line.cost_category,
                "description": line.description,
                "quantity": cents_to_decimal(line.quantity_hundredths),
                "unit_of_measure": line.unit_of_measure,
                "unit_price": cents_to_decimal(line.price_cents),
                "tax_code": line.tax_code,
                "line_amount": cents_to_decimal(line.amount_cents),
            }
            for number, line in enumerate(lines, start=1)
        ]

"""Budgets sized to the spend: each category ends a run at its target utilisation.

A budget line is set to its Approved and Paid spend divided by its category's target
utilisation (``BUDGET_UTILISATION``), rounded up to whole thousands, so utilisation never
exceeds the target. A budget line of a reused project is only ever raised, never lowered.
"""

import math
from collections.abc import Collection, Mapping
from decimal import Decimal

from seed.domain.catalog import BUDGET_UTILISATION
from seed.domain.money import cents_to_decimal

#: Budgets are round figures: whole thousands.
ROUNDING_CENTS = 100_000


def sized_budgets(
    lines: Mapping[str, tuple[str, int]], spend: Mapping[str, int], created: Collection[str]
) -> dict[str, Decimal]:
    """New amounts for budget lines (category -> (id, current cents)) that have spend: lines
    ``created`` by this run take their target amount, older ones only grow to it."""
    sized = {}
    for category, (line_id, current) in lines.items():
        cents = spend.get(line_id, 0)
        if not cents:
            continue
        target = cents / BUDGET_UTILISATION.get(category, 1.0)
        amount = math.ceil(target / ROUNDING_CENTS) * ROUNDING_CENTS
        if line_id in created or amount > current:
            sized[line_id] = cents_to_decimal(amount)
    return sized

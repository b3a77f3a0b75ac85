"""Budgets that cover the spend: a budget line ends a run at least 15% above what is charged."""

import math
from collections.abc import Mapping
from decimal import Decimal

from seed.domain.money import cents_to_decimal

HEADROOM = 1.15
#: Budgets are round figures: whole thousands.
ROUNDING_CENTS = 100_000


def raised_budgets(current: Mapping[str, int], spend: Mapping[str, int]) -> dict[str, Decimal]:
    """New amounts for the budget lines (ids) whose current amount would not cover their spend."""
    raised = {}
    for line_id, cents in spend.items():
        needed = math.ceil(cents * HEADROOM / ROUNDING_CENTS) * ROUNDING_CENTS
        if needed > current.get(line_id, 0):
            raised[line_id] = cents_to_decimal(needed)
    return raised

"""Builds a project's five budget lines, one per cost category."""

from datetime import datetime, timedelta
from typing import Any

from seed.domain.catalog import BUDGET_CATEGORIES
from seed.domain.money import cents_to_decimal
from seed.generate.values import record_rng
from seed.keys import budget_line_key

#: Opening budgets in cents; the seeder raises them to cover the spend it writes.
_OPENING_BUDGET = (25_000_000, 250_000_000)


class BudgetLineFactory:
    def __init__(self, seed: int, run_id: str) -> None:
        self.seed = seed
        self.run_id = run_id

    def build(
        self, project_id: str, project_created_at: datetime, categories: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        """Budget lines of ``categories``: all five for a new project, else the missing ones."""
        rows = []
        for number, (category, gl_account, description) in enumerate(BUDGET_CATEGORIES, start=1):
            if category not in categories:
                continue
            rng = record_rng(self.seed, "budget-line", number)
            rows.append(
                {
                    "id": budget_line_key(self.run_id, number),
                    "project_id": project_id,
                    "cost_category": category,
                    "gl_account": gl_account,
                    "description": description,
                    "budget_amount": cents_to_decimal(rng.randrange(*_OPENING_BUDGET, 100_000)),
                    "created_at": project_created_at + timedelta(days=rng.randint(0, 14)),
                }
            )
        return rows

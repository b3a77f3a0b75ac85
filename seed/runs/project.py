"""Finds the project a run reuses (same project number) and what it already holds."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from models import BudgetLine, Invoice, InvoiceLine, Project
from seed.domain.money import to_cents
from seed.domain.statuses import SPENDING_STATUSES


@dataclass(frozen=True)
class ExistingProject:
    project_id: str
    created_at: datetime
    #: cost category -> (budget line id, budget amount in cents)
    budget_lines: dict[str, tuple[str, int]]
    #: budget line id -> Approved and Paid spend already charged to it, in cents
    spend: dict[str, int] = field(default_factory=dict)


def find_project(connection: Connection, project_number: str) -> ExistingProject | None:
    project = connection.execute(
        select(Project.id, Project.created_at)
        .where(Project.project_number == project_number)
        .order_by(Project.created_at, Project.id)
        .limit(1)
    ).first()
    if project is None:
        return None
    budget: dict[str, tuple[str, int]] = {}
    for line_id, category, amount in connection.execute(
        select(BudgetLine.id, BudgetLine.cost_category, BudgetLine.budget_amount)
        .where(BudgetLine.project_id == project.id)
        .order_by(BudgetLine.id)
    ):
        budget.setdefault(category, (line_id, to_cents(amount)))
    return ExistingProject(
        project.id, project.created_at, budget, project_spend(connection, project.id)
    )


def project_spend(connection: Connection, project_id: str) -> dict[str, int]:
    """Approved and Paid spend charged to each of the project's budget lines, in cents."""
    spent = connection.execute(
        select(InvoiceLine.budget_line_id, func.sum(InvoiceLine.line_amount))
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(
            Invoice.project_id == project_id,
            Invoice.status.in_(SPENDING_STATUSES),
            InvoiceLine.budget_line_id.is_not(None),
        )
        .group_by(InvoiceLine.budget_line_id)
    )
    return {line_id: to_cents(total) for line_id, total in spent if line_id is not None}

"""Finds the project a run reuses (same project number) and what it already holds."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from models import BudgetLine, Invoice, InvoiceLine, Project
from seed.domain.money import cents_to_decimal, to_cents
from seed.domain.statuses import SPENDING_STATUSES
from seed.errors import UsageError
from seed.generate.options import SeedOptions


@dataclass(frozen=True)
class ExistingProject:
    project_id: str
    created_at: datetime
    #: cost category -> (budget line id, budget amount in cents)
    budget_lines: dict[str, tuple[str, int]]
    #: budget line id -> Approved and Paid spend already charged to it, in cents
    spend: dict[str, int] = field(default_factory=dict)
    name: str = ""
    company: str = ""

    def budget_amounts(self) -> dict[str, Decimal]:
        """Budget line id -> its budget amount as found: what a failed run puts back where it
        cannot roll its budget update back (Databricks, Spark)."""
        return {line_id: cents_to_decimal(cents) for line_id, cents in self.budget_lines.values()}


def find_project(connection: Connection, project_number: str) -> ExistingProject | None:
    project = connection.execute(
        select(Project.id, Project.created_at, Project.name, Project.company)
        .where(Project.project_number == project_number)
        .order_by(Project.created_at, Project.id)
        .limit(1)
    ).first()
    if project is None:
        return None
    budget: dict[str, tuple[str, int]] = {}
    # Sorted here, not by ORDER BY: a project has a handful of lines, and on Spark a sort is
    # three jobs where the plain select is one.
    for line_id, category, amount in sorted(
        connection.execute(
            select(BudgetLine.id, BudgetLine.cost_category, BudgetLine.budget_amount).where(
                BudgetLine.project_id == project.id
            )
        )
    ):
        budget.setdefault(category, (line_id, to_cents(amount)))
    return ExistingProject(
        project.id,
        project.created_at,
        budget,
        project_spend(connection, project.id),
        project.name,
        project.company,
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


def refuse_ignored_options(existing: ExistingProject | None, options: SeedOptions) -> None:
    """--project-name and --company describe a new project: given for an existing project with
    another name or company, they would be ignored, so the run is refused before it writes."""
    if existing is None:
        return
    for option, given, kept in (
        ("--project-name", options.project_name, existing.name),
        ("--company", options.company, existing.company),
    ):
        if given is not None and given != kept:
            raise UsageError(
                f"project {options.project_number} exists with {option} {kept!r}: {option} only "
                f"names a new project; leave it out, or choose another --project-number"
            )


def project_rows(connection: Connection, project_id: str) -> dict[str, list[dict[str, Any]]]:
    """The project's row and its budget lines as they stand now (for a self-contained export
    of a run that reuses the project)."""
    budget = BudgetLine.__table__
    projects = Project.__table__
    return {
        "projects": [
            dict(row._mapping)
            for row in connection.execute(select(projects).where(projects.c.id == project_id))
        ],
        "budget_lines": [
            dict(row._mapping)
            for row in connection.execute(
                select(budget).where(budget.c.project_id == project_id).order_by(budget.c.id)
            )
        ],
    }

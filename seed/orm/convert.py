"""Rows from the generator to model objects, wired through their relationships."""

import json
from collections import Counter
from typing import Any

from models import BudgetLine, IntegrationResponse, Invoice, InvoiceLine, Project
from seed.domain.money import to_cents
from seed.domain.statuses import SPENDING_STATUSES
from seed.generate.budgets import sized_budgets
from seed.generate.factories import InvoiceTree


def project_of(row: dict[str, Any], budget_rows: list[dict[str, Any]]) -> Project:
    project = Project(**row)
    project.budget_lines = [BudgetLine(**line) for line in budget_rows]
    return project


def invoice_of(tree: InvoiceTree, project: Project) -> Invoice:
    """The invoice with its lines and response, in ``project`` (its budget lines by id)."""
    invoice = Invoice(**tree.invoice)
    budget = {line.id: line for line in project.budget_lines}
    lines = []
    for row in tree.lines:
        line = InvoiceLine(**row)
        line.budget_line = budget.get(row["budget_line_id"]) if row["budget_line_id"] else None
        lines.append(line)
    invoice.lines = lines
    invoice.integration_responses = [_response(row) for row in tree.responses]
    invoice.project = project
    return invoice


def _response(row: dict[str, Any]) -> IntegrationResponse:
    """Payloads as a loaded object has them (decoded JSON), not as the bulk writers send them."""
    return IntegrationResponse(
        **{
            **row,
            "request_payload": json.loads(row["request_payload"]),
            "response_payload": json.loads(row["response_payload"]),
        }
    )


def cover_spend(project: Project, spend_cents: dict[str, int], new: bool) -> None:
    """Size the project's budget lines to ``spend_cents`` (budget line id -> cents) as a run
    does: a ``new`` project's lines take their target amount, an existing one's only grow."""
    lines = {
        line.cost_category: (line.id, to_cents(line.budget_amount)) for line in project.budget_lines
    }
    created = {line.id for line in project.budget_lines} if new else set()
    sized = sized_budgets(lines, spend_cents, created)
    for line in project.budget_lines:
        if line.id in sized:
            line.budget_amount = sized[line.id]


def spend_of(invoices: list[Invoice]) -> dict[str, int]:
    """Approved and Paid spend per budget line id, in cents."""
    spend: Counter[str] = Counter()
    for invoice in invoices:
        if invoice.status in SPENDING_STATUSES:
            for line in invoice.lines:
                if line.budget_line_id is not None:
                    spend[line.budget_line_id] += to_cents(line.line_amount)
    return dict(spend)

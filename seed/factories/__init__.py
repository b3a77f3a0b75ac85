"""Factories: one per model; they build rows as plain dicts and never touch a database."""

from seed.factories.budget_line import BudgetLineFactory
from seed.factories.context import ProjectContext, RunContext
from seed.factories.integration_response import IntegrationResponseFactory
from seed.factories.invoice import InvoiceFactory, InvoiceTree
from seed.factories.invoice_line import InvoiceLineFactory
from seed.factories.project import ProjectFactory

__all__ = [
    "BudgetLineFactory",
    "IntegrationResponseFactory",
    "InvoiceFactory",
    "InvoiceLineFactory",
    "InvoiceTree",
    "ProjectContext",
    "ProjectFactory",
    "RunContext",
]

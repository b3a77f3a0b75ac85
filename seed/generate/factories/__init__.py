"""Factories: one per model; they build rows as plain dicts and never touch a database."""

from seed.generate.factories.budget_line import BudgetLineFactory
from seed.generate.factories.context import ProjectContext, RunContext
from seed.generate.factories.integration_response import IntegrationResponseFactory
from seed.generate.factories.invoice import InvoiceFactory, InvoiceTree
from seed.generate.factories.invoice_line import InvoiceLineFactory
from seed.generate.factories.project import ProjectFactory

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

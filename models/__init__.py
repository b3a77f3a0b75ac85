"""SQLAlchemy 2.x models of the Hold Busters tables and of the seeder's run ledger."""

from sqlalchemy import Table

from models.base import Base
from models.budget_line import BudgetLine
from models.integration_response import IntegrationResponse
from models.invoice import Invoice
from models.invoice_line import InvoiceLine
from models.project import Project
from models.seed_run import SeedRun

#: The dashboard's tables by name, parents first (the order rows are inserted in).
TABLES: dict[str, Table] = {
    name: Base.metadata.tables[name]
    for name in ("projects", "budget_lines", "invoices", "invoice_lines", "integration_responses")
}
DASHBOARD_TABLES: tuple[Table, ...] = tuple(TABLES.values())

__all__ = [
    "DASHBOARD_TABLES",
    "TABLES",
    "Base",
    "BudgetLine",
    "IntegrationResponse",
    "Invoice",
    "InvoiceLine",
    "Project",
    "SeedRun",
]

"""SQLAlchemy 2.x models of the Hold Busters tables and of the seeder's run ledger."""

from models.base import Base
from models.budget_line import BudgetLine
from models.integration_response import IntegrationResponse
from models.invoice import Invoice
from models.invoice_line import InvoiceLine
from models.project import Project
from models.seed_run import SeedRun

#: The dashboard's tables, parents first (the order rows are inserted in).
DASHBOARD_TABLES = (
    Project.__table__,
    BudgetLine.__table__,
    Invoice.__table__,
    InvoiceLine.__table__,
    IntegrationResponse.__table__,
)

__all__ = [
    "DASHBOARD_TABLES",
    "Base",
    "BudgetLine",
    "IntegrationResponse",
    "Invoice",
    "InvoiceLine",
    "Project",
    "SeedRun",
]

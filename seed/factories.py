"""The factories' public import path: ``from seed.factories import InvoiceFactory, ...``.

They live in ``seed.generate.factories`` beside the rest of generation; this module is the stable
name users' code and tests import them by (the ORM face is to join them here).
"""

from seed.generate.factories import (
    BudgetLineFactory,
    IntegrationResponseFactory,
    InvoiceFactory,
    InvoiceLineFactory,
    InvoiceTree,
    ProjectContext,
    ProjectFactory,
    RunContext,
)

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

"""The factories' public import path: ``from seed.factories import InvoiceFactory, ProjectFactory``.

They make model objects with their relationships (``seed.orm``) from the rows of the one
per-record generator (``seed.generate.factories``, which `seed` writes in bulk).
"""

from seed.orm import InvoiceFactory, InvoiceOverrides, ProjectFactory, ProjectOverrides

__all__ = ["InvoiceFactory", "InvoiceOverrides", "ProjectFactory", "ProjectOverrides"]

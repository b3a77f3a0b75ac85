"""The ORM face of the generator: model objects with their relationships, for users' tests."""

from seed.orm.invoice import InvoiceFactory
from seed.orm.overrides import InvoiceOverrides, ProjectOverrides
from seed.orm.project import ProjectFactory

__all__ = ["InvoiceFactory", "InvoiceOverrides", "ProjectFactory", "ProjectOverrides"]

"""The factories bound to one session: what the ``holdbusters`` fixture gives a test."""

from dataclasses import dataclass
from typing import Unpack

from sqlalchemy.orm import Session

from models import Invoice, Project
from seed.orm import InvoiceFactory, InvoiceOverrides, ProjectFactory, ProjectOverrides


@dataclass
class Holdbusters:
    """``holdbusters.invoice(status="Hold", hold_reason="po-mismatch", lines=3)`` and friends:
    objects added to ``session`` and flushed, every invariant kept."""

    session: Session
    #: Used when a call names no ``seed=``.
    seed: int = 0

    def project(self, **overrides: Unpack[ProjectOverrides]) -> Project:
        overrides.setdefault("seed", self.seed)
        return ProjectFactory.create(self.session, **overrides)

    def invoice(self, **overrides: Unpack[InvoiceOverrides]) -> Invoice:
        overrides.setdefault("seed", self.seed)
        return InvoiceFactory.create(self.session, **overrides)

    def invoices(self, n: int, **overrides: Unpack[InvoiceOverrides]) -> list[Invoice]:
        overrides.setdefault("seed", self.seed)
        return InvoiceFactory.create_batch(self.session, n, **overrides)

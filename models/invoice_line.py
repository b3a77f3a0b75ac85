"""One line item of an invoice, charged to a budget line when its category has one."""

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base

if TYPE_CHECKING:
    from models.budget_line import BudgetLine
    from models.invoice import Invoice


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(String(64), ForeignKey("invoices.id"))
    #: Empty when the line's cost category has no budget line in the project.
    budget_line_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("budget_lines.id"))
    line_number: Mapped[int]
    cost_category: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit_of_measure: Mapped[str] = mapped_column(String(8))
    unit_price: Mapped[Decimal]
    tax_code: Mapped[str] = mapped_column(String(12))
    line_amount: Mapped[Decimal]

    invoice: Mapped["Invoice"] = relationship(back_populates="lines")
    budget_line: Mapped["BudgetLine | None"] = relationship(back_populates="invoice_lines")

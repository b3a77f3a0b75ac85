"""A project's budget for one cost category."""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base

if TYPE_CHECKING:
    from models.invoice_line import InvoiceLine
    from models.project import Project


class BudgetLine(Base):
    __tablename__ = "budget_lines"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(64), ForeignKey("projects.id"))
    cost_category: Mapped[str] = mapped_column(String(40))
    gl_account: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    budget_amount: Mapped[Decimal]
    created_at: Mapped[datetime]

    project: Mapped["Project"] = relationship(back_populates="budget_lines")
    invoice_lines: Mapped[list["InvoiceLine"]] = relationship(
        back_populates="budget_line", order_by="InvoiceLine.id"
    )

"""A construction or services project that suppliers invoice against."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base

if TYPE_CHECKING:
    from models.budget_line import BudgetLine
    from models.invoice import Invoice


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_number: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    created_at: Mapped[datetime]

    #: Loaded on access (lazy="select"): the dashboard's queries never pay for them.
    budget_lines: Mapped[list["BudgetLine"]] = relationship(
        back_populates="project", order_by="BudgetLine.id"
    )
    #: A seeded project may have millions: query them (``select(Invoice).where(...)``) there.
    invoices: Mapped[list["Invoice"]] = relationship(
        back_populates="project", order_by="Invoice.id"
    )

"""A project's budget for one cost category."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class BudgetLine(Base):
    __tablename__ = "budget_lines"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(64), ForeignKey("projects.id"))
    cost_category: Mapped[str] = mapped_column(String(40))
    gl_account: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    budget_amount: Mapped[Decimal]
    created_at: Mapped[datetime]

"""A supplier invoice and where it stands in the AP workflow and the Infinium integration."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base

if TYPE_CHECKING:
    from models.integration_response import IntegrationResponse
    from models.invoice_line import InvoiceLine
    from models.project import Project


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(64), ForeignKey("projects.id"))
    invoice_number: Mapped[str] = mapped_column(String(40))
    vendor_name: Mapped[str] = mapped_column(String(200))
    vendor_id: Mapped[str] = mapped_column(String(20))
    po_number: Mapped[str] = mapped_column(String(40))
    #: Draft, Submitted, Approved, Paid or Hold (validated in Python: no Enum on Databricks).
    status: Mapped[str] = mapped_column(String(20))
    #: Not Submitted, Pending, Success or Error.
    integration_status: Mapped[str] = mapped_column(String(20))
    #: Stable code of the Hold reason (for grouping); only on Hold invoices.
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(Text)
    total_amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    payment_terms: Mapped[str] = mapped_column(String(20))
    invoice_date: Mapped[date]
    due_date: Mapped[date]
    submitted_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]
    paid_at: Mapped[datetime | None]
    days_pending: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    project: Mapped["Project"] = relationship(back_populates="invoices")
    #: Lazy: a list of invoices that shows lines asks for ``selectinload(Invoice.lines)``.
    lines: Mapped[list["InvoiceLine"]] = relationship(
        back_populates="invoice", order_by="InvoiceLine.line_number"
    )
    integration_responses: Mapped[list["IntegrationResponse"]] = relationship(
        back_populates="invoice",
        order_by="(IntegrationResponse.requested_at, IntegrationResponse.id)",
    )

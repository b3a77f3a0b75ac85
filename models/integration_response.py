"""One request to the Infinium ERP for an invoice, and what Infinium answered."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base
from models.types import JSONText

if TYPE_CHECKING:
    from models.invoice import Invoice


class IntegrationResponse(Base):
    __tablename__ = "integration_responses"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(String(64), ForeignKey("invoices.id"))
    #: CREATE, UPDATE or VALIDATE.
    operation: Mapped[str] = mapped_column(String(20))
    request_payload: Mapped[Any] = mapped_column(JSONText)
    response_payload: Mapped[Any] = mapped_column(JSONText)
    #: SUCCESS, PENDING or ERROR.
    response_status: Mapped[str] = mapped_column(String(20))
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_details: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime]
    responded_at: Mapped[datetime]

    invoice: Mapped["Invoice"] = relationship(back_populates="integration_responses")

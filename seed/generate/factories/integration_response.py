"""Builds an invoice's integration log: each request to Infinium and its answer, in order."""

from datetime import date, datetime
from typing import Any

from seed.domain.statuses import RULES
from seed.domain.timestamps import date_text, seconds
from seed.generate.factories.context import RunContext
from seed.generate.factories.drafts import Attempt, InvoiceDraft
from seed.generate.factories.payloads import (
    RequestFields,
    error_text,
    pending_text,
    request_text,
    success_text,
)
from seed.generate.values import Draws
from seed.keys import response_key

_SUCCESS_MESSAGES = {
    "CREATE": "Invoice created in Infinium",
    "VALIDATE": "Invoice validated; ready for posting",
    "UPDATE": "Payment recorded against invoice",
}
_PENDING_MESSAGE = "Accepted; queued for the approval workflow"


class IntegrationResponseFactory:
    def __init__(self, run: RunContext) -> None:
        self.run = run

    def build(self, rng: Draws, invoice_id: str, draft: InvoiceDraft) -> list[dict[str, Any]]:
        """The invoice's log, oldest first: its earlier attempts, then the latest one, which
        agrees with its status. Empty for an invoice that never reached Infinium (Draft)."""
        rule = RULES[draft.status]
        if rule.response_status is None or draft.operation is None:
            return []
        rows: list[dict[str, Any]] = []
        answered: datetime | None = None
        for attempt in draft.attempts:
            requested_at = self._after(rng, attempt.sent_at, answered)
            rows.append(
                self._row(rng, invoice_id, len(rows) + 1, attempt, requested_at, payment=False)
            )
            answered = requested_at + seconds(attempt.seconds)
        last_event = draft.paid_at or draft.approved_at or draft.submitted_at
        assert last_event is not None
        sent = last_event + seconds(60 * rng.randint(1, 30))
        if draft.last_sent is not None:
            sent = max(sent, draft.last_sent)
        latest = Attempt(
            draft, sent, draft.operation, rule.response_status, draft.error, draft.response_seconds
        )
        requested_at = self._after(rng, sent, answered)
        rows.append(
            self._row(rng, invoice_id, len(rows) + 1, latest, requested_at, draft.status == "Paid")
        )
        return rows

    @staticmethod
    def _after(rng: Draws, sent: datetime, answered: datetime | None) -> datetime:
        """When a request went out: at ``sent`` (to the second), or a retry 15-90 minutes after
        the previous answer if that came later."""
        requested_at = sent + seconds(rng.randint(0, 59))
        if answered is not None and requested_at <= answered:
            requested_at = answered + seconds(60 * rng.randint(15, 90))
        return requested_at

    def _row(
        self,
        rng: Draws,
        invoice_id: str,
        number: int,
        attempt: Attempt,
        requested_at: datetime,
        payment: bool,
    ) -> dict[str, Any]:
        error = attempt.error
        correlation_id = f"{rng.getrandbits(64):016x}"
        request = self._request(attempt, number, requested_at.date(), correlation_id)
        response = self._response(rng, attempt, correlation_id, payment)
        return {
            "id": response_key(invoice_id, number),
            "invoice_id": invoice_id,
            "operation": attempt.operation,
            "request_payload": request,
            "response_payload": response,
            "response_status": attempt.response_status,
            "error_code": error.code if error else None,
            "error_details": error.details if error else None,
            "requested_at": requested_at,
            "responded_at": requested_at + seconds(attempt.seconds),
        }

    def _request(self, attempt: Attempt, number: int, sent: date, correlation_id: str) -> str:
        """The invoice as sent: its own number, date, vendor, PO, project, amount and lines,
        posted on the day it is sent (a scenario may override one of them: its defect)."""
        draft = attempt.sent
        overrides = draft.request_overrides
        fields: RequestFields = {
            "correlationId": correlation_id,
            "operation": attempt.operation,
            "invoiceNumber": draft.invoice_number,
            "invoiceDate": date_text(draft.invoice_date),
            "vendorId": draft.vendor_id,
            "vendorName": draft.vendor.name,
            "poNumber": overrides.get("poNumber", draft.po_number),
            "projectNumber": self.run.project.project_number,
            "currency": self.run.options.currency,
            "postingDate": overrides.get("postingDate", date_text(sent)),
        }
        return request_text(fields, number, draft.lines)

    @staticmethod
    def _response(rng: Draws, attempt: Attempt, correlation_id: str, payment: bool) -> str:
        """Infinium's answer, echoing the request's correlation id and invoice number."""
        invoice_number = attempt.sent.invoice_number
        if attempt.error is not None:
            return error_text(correlation_id, invoice_number, attempt.error)
        if attempt.response_status == "PENDING":
            batch_id = f"B{rng.randint(100000, 999999)}"
            return pending_text(correlation_id, invoice_number, _PENDING_MESSAGE, batch_id)
        document_id = f"INF-{rng.randint(1000000, 9999999)}"
        reference = f"PAY-{rng.randint(100000, 999999)}" if payment else None
        message = _SUCCESS_MESSAGES[attempt.operation]
        return success_text(correlation_id, invoice_number, message, document_id, reference)

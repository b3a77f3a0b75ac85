"""Builds the Infinium request/response pair of a submitted invoice."""

from datetime import date, timedelta
from typing import Any

from models.types import dump_json
from seed.domain.money import amount_text
from seed.domain.statuses import RULES
from seed.generate.factories.context import RunContext
from seed.generate.factories.drafts import InvoiceDraft
from seed.generate.values import Draws
from seed.keys import response_key

_SUCCESS_MESSAGES = {
    "CREATE": "Invoice created in Infinium",
    "VALIDATE": "Invoice validated; ready for posting",
    "UPDATE": "Payment recorded against invoice",
}


class IntegrationResponseFactory:
    def __init__(self, run: RunContext) -> None:
        self.run = run

    def build(self, rng: Draws, invoice_id: str, draft: InvoiceDraft) -> dict[str, Any] | None:
        """The response row, or None for an invoice that never reached Infinium (Draft)."""
        rule = RULES[draft.status]
        if rule.response_status is None or draft.operation is None:
            return None
        sent = draft.paid_at or draft.approved_at or draft.submitted_at
        assert sent is not None
        requested_at = sent + timedelta(minutes=rng.randint(1, 30), seconds=rng.randint(0, 59))
        responded_at = requested_at + timedelta(seconds=draft.response_seconds)
        error = draft.error
        request = self._request(rng, draft, requested_at.date())
        return {
            "id": response_key(invoice_id),
            "invoice_id": invoice_id,
            "operation": draft.operation,
            "request_payload": dump_json(request),
            "response_payload": dump_json(self._response(rng, draft, request["correlationId"])),
            "response_status": rule.response_status,
            "error_code": error.code if error else None,
            "error_details": error.details if error else None,
            "requested_at": requested_at,
            "responded_at": responded_at,
        }

    def _request(self, rng: Draws, draft: InvoiceDraft, sent: date) -> dict[str, Any]:
        """The invoice as sent: its own number, date, vendor, PO, project, amount and lines,
        posted on the day it is sent (a scenario may override one of them: its defect)."""
        request: dict[str, Any] = {
            "correlationId": f"{rng.getrandbits(64):016x}",
            "operation": draft.operation,
            "invoiceNumber": draft.invoice_number,
            "invoiceDate": draft.invoice_date.isoformat(),
            "vendorId": draft.vendor_id,
            "vendorName": draft.vendor.name,
            "poNumber": draft.po_number,
            "projectNumber": self.run.project.project_number,
            "currency": self.run.options.currency,
            "amount": amount_text(draft.total_cents),
            "postingDate": sent.isoformat(),
            "lines": [
                {
                    "lineNumber": number,
                    "costCategory": line.cost_category,
                    "amount": amount_text(line.amount_cents),
                    "taxCode": line.tax_code,
                }
                for number, line in enumerate(draft.lines, start=1)
            ],
        }
        request.update(draft.request_overrides)
        return request

    @staticmethod
    def _response(rng: Draws, draft: InvoiceDraft, correlation_id: str) -> dict[str, Any]:
        """Infinium's answer, echoing the request's correlation id and invoice number."""
        echo = {"correlationId": correlation_id, "invoiceNumber": draft.invoice_number}
        error = draft.error
        if error is not None:
            return {
                **echo,
                "status": "ERROR",
                "errors": [
                    {
                        "code": error.code,
                        "message": error.message,
                        "field": error.field,
                        "value": error.value,
                        **error.evidence,
                    }
                ],
            }
        if draft.status == "Submitted":
            return {
                **echo,
                "status": "PENDING",
                "message": "Accepted; queued for the approval workflow",
                "batchId": f"B{rng.randint(100000, 999999)}",
            }
        assert draft.operation is not None
        response = {
            **echo,
            "status": "SUCCESS",
            "message": _SUCCESS_MESSAGES[draft.operation],
            "infiniumDocumentId": f"INF-{rng.randint(1000000, 9999999)}",
        }
        if draft.status == "Paid":
            response["paymentReference"] = f"PAY-{rng.randint(100000, 999999)}"
        return response

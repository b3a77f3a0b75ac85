"""The integration payloads as JSON text, written in the one form
``seed.domain.json_text.dump_json`` gives (keys sorted, compact separators, ASCII escapes)
without building a dict to encode.

Building the request's and response's dicts and encoding them was the largest single cost of
an invoice. These shapes are fixed, so their text is written directly: keys in sorted order,
every value that may hold arbitrary text (a vendor or invoice number a user pinned) escaped by
the encoder's own function. tests/test_payloads.py checks the text against ``dump_json``.
"""

from json.encoder import encode_basestring_ascii
from typing import TypedDict

from seed.domain.json_text import dump_json
from seed.domain.money import amount_text
from seed.generate.factories.drafts import HoldError, LineDraft, line_amounts

#: A str as dump_json writes it: quoted, escaped, ASCII.
_text = encode_basestring_ascii


class RequestFields(TypedDict):
    """What a request carries besides its lines, as text; a Hold's defect may replace the PO
    number or the posting date."""

    correlationId: str
    operation: str
    invoiceNumber: str
    invoiceDate: str
    vendorId: str
    vendorName: str
    poNumber: str
    projectNumber: str
    currency: str
    postingDate: str


def request_text(fields: RequestFields, attempt: int, lines: list[LineDraft]) -> str:
    """The request: the fields, the attempt's number, the lines and their total."""
    amounts = line_amounts(lines)
    items = ",".join(
        [
            f'{{"amount":"{amount_text(amount)}","costCategory":{_text(line.cost_category)},'
            f'"lineNumber":{number},"taxCode":{_text(line.tax_code)}}}'
            for number, (line, amount) in enumerate(zip(lines, amounts, strict=True), start=1)
        ]
    )
    return (
        f'{{"amount":"{amount_text(sum(amounts))}","attempt":{attempt},'
        f'"correlationId":{_text(fields["correlationId"])},"currency":{_text(fields["currency"])},'
        f'"invoiceDate":{_text(fields["invoiceDate"])},'
        f'"invoiceNumber":{_text(fields["invoiceNumber"])},"lines":[{items}],'
        f'"operation":{_text(fields["operation"])},"poNumber":{_text(fields["poNumber"])},'
        f'"postingDate":{_text(fields["postingDate"])},'
        f'"projectNumber":{_text(fields["projectNumber"])},"vendorId":{_text(fields["vendorId"])},'
        f'"vendorName":{_text(fields["vendorName"])}}}'
    )


def error_text(correlation_id: str, invoice_number: str, error: HoldError) -> str:
    """Infinium's rejection: the error object with its evidence keys."""
    found = dump_json(
        {
            "code": error.code,
            "message": error.message,
            "field": error.field,
            "value": error.value,
            **error.evidence,
        }
    )
    return (
        f'{{"correlationId":{_text(correlation_id)},"errors":[{found}],'
        f'"invoiceNumber":{_text(invoice_number)},"status":"ERROR"}}'
    )


def pending_text(correlation_id: str, invoice_number: str, message: str, batch_id: str) -> str:
    """Infinium's acceptance into the approval workflow."""
    return (
        f'{{"batchId":{_text(batch_id)},"correlationId":{_text(correlation_id)},'
        f'"invoiceNumber":{_text(invoice_number)},"message":{_text(message)},'
        f'"status":"PENDING"}}'
    )


def success_text(
    correlation_id: str,
    invoice_number: str,
    message: str,
    document_id: str,
    payment_reference: str | None,
) -> str:
    """Infinium's success, with the payment's reference for a payment."""
    payment = "" if payment_reference is None else f',"paymentReference":{_text(payment_reference)}'
    return (
        f'{{"correlationId":{_text(correlation_id)},"infiniumDocumentId":{_text(document_id)},'
        f'"invoiceNumber":{_text(invoice_number)},"message":{_text(message)}{payment},'
        f'"status":"SUCCESS"}}'
    )

"""Checks of the AP workflow: status rules, request and response payloads, dates."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_

from seed.domain.holds import BY_CODE, TIMEOUT_SECONDS
from seed.domain.statuses import RULES
from seed.verify.base import (
    HOLD,
    INV,
    PROJ,
    RESP,
    Check,
    day,
    equals,
    error,
    id_and_ok,
    latest_attempts,
    money,
    request,
    response,
    same_money,
)
from seed.verify.sql import days_between, seconds_between


def status_checks() -> Iterator[Check]:
    hold = INV.c.status == HOLD
    yield Check(
        "status and integration status",
        "status is Draft, Submitted, Approved, Paid or Hold with its integration status "
        "(Not Submitted, Pending, Success, Success, Error)",
        "invoices",
        id_and_ok(
            INV.c.id,
            or_(
                *(
                    and_(INV.c.status == r.status, INV.c.integration_status == r.integration_status)
                    for r in RULES.values()
                )
            ),
        ),
    )
    yield Check(
        "error exactly on Hold",
        "Hold invoices have an error code and message; other invoices have neither",
        "invoices",
        id_and_ok(
            INV.c.id,
            or_(
                and_(hold, INV.c.error_code.is_not(None), INV.c.error_message.is_not(None)),
                and_(~hold, INV.c.error_code.is_(None), INV.c.error_message.is_(None)),
            ),
        ),
    )
    yield Check(
        "known Hold reason",
        f"a Hold's error code is one of {', '.join(BY_CODE)}",
        "invoices",
        id_and_ok(INV.c.id, INV.c.error_code.in_(list(BY_CODE))).where(hold),
    )


def payload_checks() -> Iterator[Check]:
    invoice_of_response = RESP.join(INV, INV.c.id == RESP.c.invoice_id)
    yield Check(
        "payloads match the response row",
        "the payloads' operation, status, invoice number and (on ERROR) error code and message "
        "are the response's and its invoice's (an earlier attempt's error: its own message)",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            and_(
                request("operation") == RESP.c.operation,
                response("status") == RESP.c.response_status,
                response("invoiceNumber") == INV.c.invoice_number,
                response("correlationId") == request("correlationId"),
                or_(
                    RESP.c.response_status != "ERROR",
                    and_(
                        error("code") == RESP.c.error_code,
                        or_(
                            error("message") == INV.c.error_message,
                            # An earlier attempt's error, which the invoice no longer has.
                            and_(
                                error("message").is_not(None),
                                func.coalesce(INV.c.error_code, "") != RESP.c.error_code,
                            ),
                        ),
                    ),
                ),
            ),
        ).select_from(invoice_of_response),
    )
    yield Check(
        "request carries the invoice",
        "the request's invoice number and date, vendor, PO, project, currency and amount are the "
        "invoice's, and it posts on the day it is sent (except the defect its own error names)",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            and_(
                request("invoiceNumber") == INV.c.invoice_number,
                request("invoiceDate") == day(INV.c.invoice_date),
                or_(
                    equals(RESP.c.error_code, "VENDOR_NOT_FOUND"),
                    request("vendorId") == INV.c.vendor_id,
                ),
                request("vendorName") == INV.c.vendor_name,
                request("projectNumber") == PROJ.c.project_number,
                request("currency") == INV.c.currency,
                same_money(money(request("amount")), INV.c.total_amount),
                or_(
                    equals(RESP.c.error_code, "PO_MISMATCH"),
                    request("poNumber") == INV.c.po_number,
                ),
                or_(
                    equals(RESP.c.error_code, "GL_PERIOD_CLOSED"),
                    request("postingDate") == day(RESP.c.requested_at),
                ),
            ),
        ).select_from(invoice_of_response.join(PROJ, PROJ.c.id == INV.c.project_id)),
    )


# Dates and days pending.


def _not_before(earlier: ColumnElement[Any], later: ColumnElement[Any]) -> ColumnElement[bool]:
    """``later`` is absent or not before ``earlier``."""
    return or_(later.is_(None), earlier.is_(None), earlier <= later)


def date_checks() -> Iterator[Check]:
    stamps = (INV.c.submitted_at, INV.c.approved_at, INV.c.paid_at)
    yield Check(
        "dates of the status",
        "Draft has no submitted/approved/paid time; Submitted and Hold only submitted; "
        "Approved submitted and approved; Paid all three",
        "invoices",
        id_and_ok(
            INV.c.id,
            or_(
                *(
                    and_(
                        INV.c.status == status,
                        *(
                            (c.is_not(None) if present else c.is_(None))
                            for c, present in zip(stamps, has, strict=True)
                        ),
                    )
                    for status, has in ((r.status, r.stamps) for r in RULES.values())
                )
            ),
        ),
    )
    yield Check(
        "dates in order",
        "invoice date <= created <= updated, invoice date <= submitted <= approved <= paid, "
        "due date >= invoice date",
        "invoices",
        id_and_ok(
            INV.c.id,
            and_(
                days_between(INV.c.invoice_date, INV.c.created_at) >= 0,
                INV.c.created_at <= INV.c.updated_at,
                or_(
                    INV.c.submitted_at.is_(None),
                    days_between(INV.c.invoice_date, INV.c.submitted_at) >= 0,
                ),
                _not_before(INV.c.submitted_at, INV.c.approved_at),
                _not_before(INV.c.approved_at, INV.c.paid_at),
                days_between(INV.c.invoice_date, INV.c.due_date) >= 0,
            ),
        ),
    )


def timing_checks() -> Iterator[Check]:
    last_event = func.coalesce(INV.c.paid_at, INV.c.approved_at, INV.c.submitted_at)
    timeout = equals(RESP.c.error_code, "ERP_TIMEOUT")
    took = seconds_between(RESP.c.requested_at, RESP.c.responded_at)
    log = latest_attempts()
    yield Check(
        "response after request",
        "a request is sent after its invoice's submission (the latest after its last event) and "
        f"answered after it, within {TIMEOUT_SECONDS} s unless it timed out",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            and_(
                RESP.c.requested_at >= INV.c.submitted_at,
                or_(RESP.c.requested_at < log.c.latest_at, RESP.c.requested_at >= last_event),
                RESP.c.responded_at > RESP.c.requested_at,
                or_(timeout, took < TIMEOUT_SECONDS),
            ),
        ).select_from(
            RESP.join(INV, INV.c.id == RESP.c.invoice_id).join(
                log, log.c.invoice_id == RESP.c.invoice_id
            )
        ),
    )
    submitted = INV.c.submitted_at
    by_status: list[ColumnElement[bool]] = [
        and_(
            INV.c.status == "Approved",
            INV.c.days_pending == days_between(submitted, INV.c.approved_at),
        ),
        and_(INV.c.status == "Paid", INV.c.days_pending == days_between(submitted, INV.c.paid_at)),
    ]
    for rule in RULES.values():
        bounds = rule.days_pending_bounds
        if bounds is not None:
            low, high = bounds
            since = INV.c.invoice_date if rule.status == "Draft" else submitted
            by_status.append(
                and_(
                    INV.c.status == rule.status,
                    INV.c.days_pending.between(low, high),
                    # The as-of date it implies is not before anything that happened to it.
                    days_between(since, INV.c.updated_at) <= INV.c.days_pending,
                )
            )
    yield Check(
        "days pending",
        "Approved/Paid: days from submission to approval/payment; "
        + ", ".join(
            f"{r.status} {r.days_pending_bounds[0]}-{r.days_pending_bounds[1]}"
            for r in RULES.values()
            if r.days_pending_bounds
        )
        + " days since the invoice date (Draft) or submission, none after the as-of day "
        "(--per-status runs keep to SEED.md's narrower ranges)",
        "invoices",
        id_and_ok(INV.c.id, or_(*by_status)),
    )

"""Checks of each invoice's integration log: its attempts in order, the latest agreeing with
the invoice's status, the earlier ones failed (or a fixed resubmission)."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, cast, func, or_

from seed.domain.holds import BY_CODE
from seed.domain.statuses import RULES
from seed.verify.base import HOLD, INV, RESP, Check, id_and_ok, latest_attempts, request
from seed.verify.sql import json_text

#: Operations a fixed resubmission may be, before the invoice is approved.
RESUBMISSIONS = ("CREATE", "VALIDATE")


def _attempt() -> ColumnElement[int]:
    return cast(request("attempt"), Integer)


def history_checks() -> Iterator[Check]:
    log = latest_attempts()
    attempts = func.coalesce(log.c.attempts, 0)
    yield Check(
        "responses unless Draft",
        "every submitted invoice has an integration log (one response in --per-status runs); "
        "a Draft has none",
        "invoices",
        id_and_ok(
            INV.c.id, case((INV.c.status == "Draft", attempts == 0), else_=attempts >= 1)
        ).select_from(INV.outerjoin(log, log.c.invoice_id == INV.c.id)),
    )
    yield _order_check(log)
    yield from _latest_checks(log)
    yield _earlier_check(log)


def _order_check(log: Any) -> Check:
    previous = RESP.alias("previous")
    previous_attempt = cast(json_text(previous.c.request_payload, "attempt"), Integer)
    return Check(
        "history in order",
        "an invoice's attempts are numbered 1..n; each after the first was sent after the one "
        "before it was answered",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            and_(
                _attempt() >= 1,
                _attempt() <= log.c.attempts,
                or_(_attempt() == 1, previous.c.responded_at < RESP.c.requested_at),
            ),
        ).select_from(
            RESP.join(log, log.c.invoice_id == RESP.c.invoice_id).outerjoin(
                previous,
                and_(
                    previous.c.invoice_id == RESP.c.invoice_id,
                    previous_attempt == _attempt() - 1,
                ),
            )
        ),
    )


def _latest_checks(log: Any) -> Iterator[Check]:
    latest = RESP.join(
        log, and_(log.c.invoice_id == RESP.c.invoice_id, RESP.c.requested_at == log.c.latest_at)
    ).join(INV, INV.c.id == RESP.c.invoice_id)
    hold = INV.c.status == HOLD
    yield Check(
        "latest response fits the status",
        "an invoice's latest response has the status and operation of its status (Submitted: "
        "CREATE PENDING; Approved: CREATE/VALIDATE SUCCESS; Paid: UPDATE SUCCESS; Hold: "
        "VALIDATE/CREATE ERROR) and is its last attempt",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            and_(
                _attempt() == log.c.attempts,
                or_(
                    *(
                        and_(
                            INV.c.status == r.status,
                            RESP.c.response_status == r.response_status,
                            RESP.c.operation.in_(r.operations),
                        )
                        for r in RULES.values()
                        if r.response_status is not None
                    )
                ),
            ),
        ).select_from(latest),
    )
    yield Check(
        "latest error matches the invoice",
        "a Hold's latest response has its invoice's error code and details; the latest "
        "response of any other invoice has none",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            or_(
                and_(
                    hold, RESP.c.error_code == INV.c.error_code, RESP.c.error_details.is_not(None)
                ),
                and_(~hold, RESP.c.error_code.is_(None), RESP.c.error_details.is_(None)),
            ),
        ).select_from(latest),
    )


def _earlier_check(log: Any) -> Check:
    known = RESP.c.error_code.in_(list(BY_CODE))
    return Check(
        "earlier attempts failed",
        "an attempt before an invoice's latest one was rejected with a known error code and "
        "details, or was the fixed resubmission (CREATE/VALIDATE SUCCESS) of a held invoice",
        "integration_responses",
        id_and_ok(
            RESP.c.id,
            or_(
                and_(RESP.c.response_status == "ERROR", known, RESP.c.error_details.is_not(None)),
                and_(
                    RESP.c.response_status == "SUCCESS",
                    RESP.c.operation.in_(RESUBMISSIONS),
                    RESP.c.error_code.is_(None),
                    INV.c.status.in_(("Approved", "Paid")),
                ),
            ),
        )
        .select_from(
            RESP.join(log, log.c.invoice_id == RESP.c.invoice_id).join(
                INV, INV.c.id == RESP.c.invoice_id
            )
        )
        .where(RESP.c.requested_at < log.c.latest_at),
    )

"""One check per Hold reason: the defect its error names is in the invoice's own rows."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, case, cast, func, select

from seed.domain.holds import DUPLICATE_WINDOW_DAYS
from seed.verify.base import (
    HOLD,
    INV,
    LINE,
    PROJ,
    RESP,
    Check,
    budgeted,
    day,
    error,
    mentions,
    money,
    request,
    same_money,
)
from seed.verify.sql import days_between, seconds_between


def _hold(code: str) -> Select[Any]:
    """The columns of a Hold of ``code`` with its response (and project)."""
    return (
        select()
        .select_from(
            RESP.join(INV, INV.c.id == RESP.c.invoice_id).join(PROJ, PROJ.c.id == INV.c.project_id)
        )
        .where(INV.c.error_code == code, INV.c.status == HOLD)
    )


def _line_named_by_error() -> Any:
    line = LINE.alias("named_line")
    on = and_(
        line.c.invoice_id == INV.c.id, line.c.line_number == cast(error("lineNumber"), Integer)
    )
    return line, on


def scenario_checks() -> Iterator[Check]:
    """One check per Hold reason, in the catalogue's order."""
    yield from _reference_checks()
    yield from _amount_checks()
    yield from _history_checks()


def _reference_checks() -> Iterator[Check]:
    """Holds whose defect is a reference Infinium does not know: vendor, budget line, PO."""
    message = INV.c.error_message
    accepted = INV.alias("accepted")
    accepted_vendors = _distinct(
        select(accepted.c.vendor_id).where(accepted.c.integration_status == "Success")
    )
    yield _scenario(
        "VENDOR_NOT_FOUND",
        "the request's and invoice's vendor id is the one the error names, and no invoice "
        "Infinium accepted has it",
        _hold("VENDOR_NOT_FOUND"),
        and_(
            request("vendorId") == INV.c.vendor_id,
            error("field") == "vendorId",
            error("value") == INV.c.vendor_id,
            mentions(message, INV.c.vendor_id),
            INV.c.vendor_id.not_in(accepted_vendors),
        ),
    )
    line, on = _line_named_by_error()
    yield _scenario(
        "BUDGET_LINE_NOT_FOUND",
        "the line the error names is in its category with no budget line, the project has no "
        "budget line for it, and the message names category and project",
        _hold("BUDGET_LINE_NOT_FOUND").outerjoin(line, on),
        and_(
            line.c.cost_category == error("value"),
            line.c.budget_line_id.is_(None),
            ~budgeted(INV.c.project_id, line.c.cost_category),
            mentions(message, line.c.cost_category),
            mentions(message, PROJ.c.project_number),
        ),
    )
    yield _scenario(
        "PO_MISMATCH",
        "the request's PO differs from the invoice's, and the error and message name both",
        _hold("PO_MISMATCH"),
        and_(
            request("poNumber") != INV.c.po_number,
            error("value") == request("poNumber"),
            error("expected") == INV.c.po_number,
            mentions(message, INV.c.po_number),
            mentions(message, request("poNumber")),
        ),
    )


def _amount_checks() -> Iterator[Check]:
    """Holds whose defect is the amount: above the approval limit, or a duplicate's."""
    message = INV.c.error_message
    yield _scenario(
        "APPROVAL_LIMIT_EXCEEDED",
        "the invoice total is the amount the error names and above the limit it names",
        _hold("APPROVAL_LIMIT_EXCEEDED"),
        and_(
            same_money(money(error("value")), INV.c.total_amount),
            INV.c.total_amount > money(error("limit")),
        ),
    )
    twin = INV.alias("twin")
    # Twins are joined on the number alone, which has no index: SQLite indexes it once
    # (automatic index) and other backends hash-join. The rest is compared per pair: with
    # `twin.project_id = ...` in the join, SQLite looked twins up through the project's index,
    # every invoice of the project for each Hold (quadratic).
    is_twin = and_(
        twin.c.id != INV.c.id,
        twin.c.vendor_id == INV.c.vendor_id,
        twin.c.project_id == INV.c.project_id,
        same_money(twin.c.total_amount, INV.c.total_amount),
        func.abs(days_between(twin.c.invoice_date, INV.c.invoice_date)) <= DUPLICATE_WINDOW_DAYS,
    )
    twins = (
        select(INV.c.id.label("hold_id"), func.max(case((is_twin, 1), else_=0)).label("found"))
        .select_from(
            RESP.join(INV, INV.c.id == RESP.c.invoice_id).join(
                twin, twin.c.invoice_number == error("duplicateOf")
            )
        )
        .where(INV.c.error_code == "DUPLICATE_INVOICE", INV.c.status == HOLD)
        .group_by(INV.c.id)
        .subquery("twins")
    )
    yield _scenario(
        "DUPLICATE_INVOICE",
        "another invoice of the same vendor and project, with the same amount and dated within "
        f"{DUPLICATE_WINDOW_DAYS} days, is the one the error and message name",
        _hold("DUPLICATE_INVOICE").outerjoin(twins, twins.c.hold_id == INV.c.id),
        and_(twins.c.found == 1, mentions(message, error("duplicateOf"))),
    )


def _history_checks() -> Iterator[Check]:
    """Holds whose defect is in the posting: a closed period, a retired tax code, a timeout."""
    message = INV.c.error_message
    accepted = INV.alias("accepted")
    posted = request("postingDate")
    yield _scenario(
        "GL_PERIOD_CLOSED",
        "the request posts on the invoice date, in a month before the one it was sent in, and "
        "the message names that period",
        _hold("GL_PERIOD_CLOSED"),
        and_(
            posted == day(INV.c.invoice_date),
            func.substr(posted, 1, 7) < func.substr(day(RESP.c.requested_at), 1, 7),
            error("period") == func.substr(posted, 1, 7),
            mentions(message, error("period")),
        ),
    )
    taxed, taxed_on = _line_named_by_error()
    accepted_lines = LINE.alias("accepted_line")
    accepted_codes = _distinct(
        select(accepted_lines.c.tax_code)
        .select_from(accepted_lines.join(accepted, accepted.c.id == accepted_lines.c.invoice_id))
        .where(accepted.c.integration_status == "Success")
    )
    yield _scenario(
        "INVALID_TAX_CODE",
        "the line the error names carries that tax code, no line Infinium accepted has it, and "
        "the message names it",
        _hold("INVALID_TAX_CODE").outerjoin(taxed, taxed_on),
        and_(
            taxed.c.tax_code == error("value"),
            taxed.c.tax_code.not_in(accepted_codes),
            mentions(message, taxed.c.tax_code),
        ),
    )
    yield _scenario(
        "ERP_TIMEOUT",
        "the answer came after every attempt the error names had timed out",
        _hold("ERP_TIMEOUT"),
        seconds_between(RESP.c.requested_at, RESP.c.responded_at)
        >= cast(error("attempts"), Integer) * cast(error("timeoutSeconds"), Integer),
    )


def _distinct(query: Select[Any]) -> Select[Any]:
    """``query``'s values once each, for ``NOT IN``. Without DISTINCT, PostgreSQL hashes the
    subquery only while all its rows fit work_mem, and rescans it for every row beyond that
    (quadratic); the distinct values (a dozen vendors, a few tax codes) always fit, with or
    without table statistics. SQLite indexes the set once either way."""
    return query.distinct()


def _scenario(code: str, rule: str, base: Select[Any], ok: ColumnElement[Any]) -> Check:
    return Check(
        f"Hold {code}",
        rule,
        "invoices",
        base.add_columns(INV.c.id.label("id"), ok.label("ok")),
    )

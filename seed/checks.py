"""The invariants of Hold Busters data, each one set-based SQL that finds the rows breaking it.

A check is a SELECT of ``id`` and ``ok`` over the rows it examines; ``ok`` false or NULL marks an
offending row. Everything is SQLAlchemy Core that compiles on SQLite, PostgreSQL and Databricks
(where foreign keys are not enforced), so the checks hold of any database with the schema, seeded
by us or not, and run in a few statements however many invoices there are.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Numeric,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.engine import Connection

from models import DASHBOARD_TABLES, TABLES
from seed.batches import SPENDING_STATUSES
from seed.factories.holds import BY_CODE, TIMEOUT_SECONDS
from seed.sql import days_between, json_text, seconds_between
from seed.statuses import RULES

PROJ, BUDGET, INV, LINE, RESP = TABLES.values()
HOLD = "Hold"
#: Half a cent: money read back from SQLite is a float.
CENT_TOLERANCE = 0.005
#: Days between a duplicate and the invoice it repeats.
DUPLICATE_WINDOW_DAYS = 3


@dataclass(frozen=True)
class Check:
    name: str
    #: What must be true, in one line.
    rule: str
    #: Whose ids an offending row is reported by.
    table: str
    query: Select[Any]


@dataclass(frozen=True)
class CheckResult:
    check: Check
    checked: int
    failed: int
    examples: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return self.failed == 0


def _query(row_id: ColumnElement[Any], ok: ColumnElement[Any]) -> Select[Any]:
    return select(row_id.label("id"), ok.label("ok"))


def _day(column: ColumnElement[Any]) -> ColumnElement[str]:
    """The YYYY-MM-DD text of a date or timestamp, as the payloads write dates."""
    return func.substr(cast(column, String), 1, 10)


def _same_money(a: ColumnElement[Any], b: ColumnElement[Any]) -> ColumnElement[bool]:
    return func.abs(a - b) < CENT_TOLERANCE


def _money(text: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(text, Numeric(12, 2))


def _request(key: str) -> json_text:
    return json_text(RESP.c.request_payload, key)


def _response(key: str) -> json_text:
    return json_text(RESP.c.response_payload, key)


def _error(key: str) -> json_text:
    """A key of the first error object of Infinium's answer."""
    return json_text(RESP.c.response_payload, "errors", 0, key)


def _mentions(text: ColumnElement[Any], part: ColumnElement[Any]) -> ColumnElement[bool]:
    return text.contains(part)


def _is(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """``column = value``, false (not NULL) when the column is NULL."""
    return func.coalesce(column, "") == value


# Foreign keys: generated from the models, so every one is checked (Databricks does not).


def _foreign_key_checks() -> Iterator[Check]:
    for table in DASHBOARD_TABLES:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            parent = fk.column.table.alias()
            column = table.c[fk.parent.name]
            query = (
                _query(table.c.id, parent.c[fk.column.name].is_not(None))
                .select_from(table.outerjoin(parent, column == parent.c[fk.column.name]))
                .where(column.is_not(None))
            )
            name = f"{table.name}.{fk.parent.name} resolves"
            rule = (
                f"every {table.name}.{fk.parent.name} names an existing {parent.original.name} row"  # type: ignore[attr-defined]
            )
            yield Check(name, rule, table.name, query)


# Lines and amounts.


def _line_totals() -> Any:
    return (
        select(
            LINE.c.invoice_id,
            func.count().label("lines"),
            func.count(func.distinct(LINE.c.line_number)).label("numbers"),
            func.min(LINE.c.line_number).label("first"),
            func.max(LINE.c.line_number).label("last"),
            func.sum(LINE.c.line_amount).label("amount"),
        )
        .group_by(LINE.c.invoice_id)
        .subquery("totals")
    )


def _line_checks() -> Iterator[Check]:
    totals = _line_totals()
    with_totals = INV.outerjoin(totals, totals.c.invoice_id == INV.c.id)
    yield Check(
        "lines numbered 1..n",
        "every invoice has lines, numbered 1, 2, ... without gaps or repeats",
        "invoices",
        _query(
            INV.c.id,
            and_(
                totals.c.lines > 0,
                totals.c.first == 1,
                totals.c.last == totals.c.lines,
                totals.c.numbers == totals.c.lines,
            ),
        ).select_from(with_totals),
    )
    yield Check(
        "lines sum to the total",
        "an invoice's line amounts add up to its total to the cent",
        "invoices",
        _query(
            INV.c.id, _same_money(func.coalesce(totals.c.amount, 0), INV.c.total_amount)
        ).select_from(with_totals),
    )
    yield Check(
        "quantity x price = amount",
        "a line's amount is its quantity times its unit price, rounded to the cent, above zero",
        "invoice_lines",
        _query(
            LINE.c.id,
            and_(
                func.abs(LINE.c.quantity * LINE.c.unit_price - LINE.c.line_amount) <= 0.0051,
                LINE.c.line_amount > 0,
            ),
        ),
    )
    budget = BUDGET.alias("budget")
    yield Check(
        "budget line of the invoice's project",
        "a line's budget line is in its invoice's project and of the line's cost category",
        "invoice_lines",
        _query(
            LINE.c.id,
            and_(
                budget.c.project_id == INV.c.project_id,
                budget.c.cost_category == LINE.c.cost_category,
            ),
        ).select_from(
            LINE.join(INV, INV.c.id == LINE.c.invoice_id).join(
                budget, budget.c.id == LINE.c.budget_line_id
            )
        ),
    )
    yield Check(
        "unbudgeted lines are held",
        "a line without a budget line is on a BUDGET_LINE_NOT_FOUND Hold, in a category "
        "its project has no budget line for",
        "invoice_lines",
        _query(
            LINE.c.id,
            and_(
                _is(INV.c.error_code, "BUDGET_LINE_NOT_FOUND"),
                ~_budgeted(INV.c.project_id, LINE.c.cost_category),
            ),
        )
        .select_from(LINE.join(INV, INV.c.id == LINE.c.invoice_id))
        .where(LINE.c.budget_line_id.is_(None)),
    )


def _budget_checks() -> Iterator[Check]:
    spent = (
        select(LINE.c.budget_line_id, func.sum(LINE.c.line_amount).label("amount"))
        .select_from(LINE.join(INV, INV.c.id == LINE.c.invoice_id))
        .where(INV.c.status.in_(SPENDING_STATUSES), LINE.c.budget_line_id.is_not(None))
        .group_by(LINE.c.budget_line_id)
        .subquery("spent")
    )
    yield Check(
        "budget covers the spend",
        "a budget line's amount is at least what its Approved and Paid lines charge to it",
        "budget_lines",
        _query(
            BUDGET.c.id, BUDGET.c.budget_amount >= func.coalesce(spent.c.amount, 0) - CENT_TOLERANCE
        ).select_from(BUDGET.outerjoin(spent, spent.c.budget_line_id == BUDGET.c.id)),
    )


def _budgeted(project_id: ColumnElement[Any], category: ColumnElement[Any]) -> Any:
    return exists().where(BUDGET.c.project_id == project_id, BUDGET.c.cost_category == category)


# Statuses, errors and responses.


def _status_checks() -> Iterator[Check]:
    hold = INV.c.status == HOLD
    yield Check(
        "status and integration status",
        "status is Draft, Submitted, Approved, Paid or Hold with its integration status "
        "(Not Submitted, Pending, Success, Success, Error)",
        "invoices",
        _query(
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
        _query(
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
        _query(INV.c.id, INV.c.error_code.in_(list(BY_CODE))).where(hold),
    )
    counts = (
        select(RESP.c.invoice_id, func.count().label("responses"))
        .group_by(RESP.c.invoice_id)
        .subquery("counts")
    )
    responses = func.coalesce(counts.c.responses, 0)
    yield Check(
        "one response unless Draft",
        "every submitted invoice has exactly one integration response; a Draft has none",
        "invoices",
        _query(
            INV.c.id, case((INV.c.status == "Draft", responses == 0), else_=responses == 1)
        ).select_from(INV.outerjoin(counts, counts.c.invoice_id == INV.c.id)),
    )
    invoice_of_response = RESP.join(INV, INV.c.id == RESP.c.invoice_id)
    yield Check(
        "response status and operation",
        "a response's status and operation fit its invoice's status "
        "(Submitted: CREATE PENDING; Approved: CREATE/VALIDATE SUCCESS; Paid: UPDATE SUCCESS; "
        "Hold: VALIDATE/CREATE ERROR)",
        "integration_responses",
        _query(
            RESP.c.id,
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
        ).select_from(invoice_of_response),
    )
    yield Check(
        "response error matches the invoice",
        "a Hold's response has its invoice's error code and details; other responses have none",
        "integration_responses",
        _query(
            RESP.c.id,
            or_(
                and_(
                    hold, RESP.c.error_code == INV.c.error_code, RESP.c.error_details.is_not(None)
                ),
                and_(~hold, RESP.c.error_code.is_(None), RESP.c.error_details.is_(None)),
            ),
        ).select_from(invoice_of_response),
    )
    yield Check(
        "payloads match the response row",
        "the payloads' operation, status, invoice number and (on ERROR) error code and message "
        "are the response's and its invoice's",
        "integration_responses",
        _query(
            RESP.c.id,
            and_(
                _request("operation") == RESP.c.operation,
                _response("status") == RESP.c.response_status,
                _response("invoiceNumber") == INV.c.invoice_number,
                _response("correlationId") == _request("correlationId"),
                or_(
                    RESP.c.response_status != "ERROR",
                    and_(
                        _error("code") == RESP.c.error_code,
                        _error("message") == INV.c.error_message,
                    ),
                ),
            ),
        ).select_from(invoice_of_response),
    )
    yield Check(
        "request carries the invoice",
        "the request's invoice number and date, vendor, PO, project, currency and amount are the "
        "invoice's, and it posts on the day it is sent (except the defect of its Hold reason)",
        "integration_responses",
        _query(
            RESP.c.id,
            and_(
                _request("invoiceNumber") == INV.c.invoice_number,
                _request("invoiceDate") == _day(INV.c.invoice_date),
                _request("vendorId") == INV.c.vendor_id,
                _request("vendorName") == INV.c.vendor_name,
                _request("projectNumber") == PROJ.c.project_number,
                _request("currency") == INV.c.currency,
                _same_money(_money(_request("amount")), INV.c.total_amount),
                or_(_is(INV.c.error_code, "PO_MISMATCH"), _request("poNumber") == INV.c.po_number),
                or_(
                    _is(INV.c.error_code, "GL_PERIOD_CLOSED"),
                    _request("postingDate") == _day(RESP.c.requested_at),
                ),
            ),
        ).select_from(invoice_of_response.join(PROJ, PROJ.c.id == INV.c.project_id)),
    )


# Dates and days pending.

#: Which of submitted_at, approved_at, paid_at each status has.
_STAMPS = {
    "Draft": (False, False, False),
    "Submitted": (True, False, False),
    "Approved": (True, True, False),
    "Paid": (True, True, True),
    "Hold": (True, False, False),
}


def _not_before(earlier: ColumnElement[Any], later: ColumnElement[Any]) -> ColumnElement[bool]:
    """``later`` is absent or not before ``earlier``."""
    return or_(later.is_(None), earlier.is_(None), earlier <= later)


def _date_checks() -> Iterator[Check]:
    stamps = (INV.c.submitted_at, INV.c.approved_at, INV.c.paid_at)
    yield Check(
        "dates of the status",
        "Draft has no submitted/approved/paid time; Submitted and Hold only submitted; "
        "Approved submitted and approved; Paid all three",
        "invoices",
        _query(
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
                    for status, has in _STAMPS.items()
                )
            ),
        ),
    )
    yield Check(
        "dates in order",
        "invoice date <= created <= updated, invoice date <= submitted <= approved <= paid, "
        "due date >= invoice date",
        "invoices",
        _query(
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
    last_event = func.coalesce(INV.c.paid_at, INV.c.approved_at, INV.c.submitted_at)
    timeout = _is(INV.c.error_code, "ERP_TIMEOUT")
    took = seconds_between(RESP.c.requested_at, RESP.c.responded_at)
    yield Check(
        "response after request",
        "a request is sent after its invoice's last event and answered after it, within "
        f"{TIMEOUT_SECONDS} s unless it timed out",
        "integration_responses",
        _query(
            RESP.c.id,
            and_(
                RESP.c.requested_at >= last_event,
                RESP.c.responded_at > RESP.c.requested_at,
                or_(timeout, took < TIMEOUT_SECONDS),
            ),
        ).select_from(RESP.join(INV, INV.c.id == RESP.c.invoice_id)),
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
        if rule.days_pending is not None:
            low, high = rule.days_pending
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
        "Approved/Paid: days from submission to approval/payment; Draft 1-5 days since the "
        "invoice date, Submitted 5-15 and Hold 30-90 since submission, none after the as-of day",
        "invoices",
        _query(INV.c.id, or_(*by_status)),
    )


# Hold scenarios: the defect each error code names is in the invoice's own rows.


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
        line.c.invoice_id == INV.c.id, line.c.line_number == cast(_error("lineNumber"), Integer)
    )
    return line, on


def _scenario_checks() -> Iterator[Check]:
    message = INV.c.error_message
    accepted = INV.alias("accepted")
    accepted_vendors = select(accepted.c.vendor_id).where(
        accepted.c.integration_status == "Success"
    )
    yield _scenario(
        "VENDOR_NOT_FOUND",
        "the request's and invoice's vendor id is the one the error names, and no invoice "
        "Infinium accepted has it",
        _hold("VENDOR_NOT_FOUND"),
        and_(
            _request("vendorId") == INV.c.vendor_id,
            _error("field") == "vendorId",
            _error("value") == INV.c.vendor_id,
            _mentions(message, INV.c.vendor_id),
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
            line.c.cost_category == _error("value"),
            line.c.budget_line_id.is_(None),
            ~_budgeted(INV.c.project_id, line.c.cost_category),
            _mentions(message, line.c.cost_category),
            _mentions(message, PROJ.c.project_number),
        ),
    )
    yield _scenario(
        "PO_MISMATCH",
        "the request's PO differs from the invoice's, and the error and message name both",
        _hold("PO_MISMATCH"),
        and_(
            _request("poNumber") != INV.c.po_number,
            _error("value") == _request("poNumber"),
            _error("expected") == INV.c.po_number,
            _mentions(message, INV.c.po_number),
            _mentions(message, _request("poNumber")),
        ),
    )
    yield _scenario(
        "APPROVAL_LIMIT_EXCEEDED",
        "the invoice total is the amount the error names and above the limit it names",
        _hold("APPROVAL_LIMIT_EXCEEDED"),
        and_(
            _same_money(_money(_error("value")), INV.c.total_amount),
            INV.c.total_amount > _money(_error("limit")),
        ),
    )
    twin = INV.alias("twin")
    # A join, not a correlated EXISTS: SQLite then indexes the twins' numbers once (automatic
    # index) instead of scanning every invoice for each Hold; other backends hash-join.
    twins = (
        _hold("DUPLICATE_INVOICE")
        .add_columns(INV.c.id.label("hold_id"))
        .join(
            twin,
            and_(
                twin.c.invoice_number == _error("duplicateOf"),
                twin.c.id != INV.c.id,
                twin.c.vendor_id == INV.c.vendor_id,
                twin.c.project_id == INV.c.project_id,
                _same_money(twin.c.total_amount, INV.c.total_amount),
                func.abs(days_between(twin.c.invoice_date, INV.c.invoice_date))
                <= DUPLICATE_WINDOW_DAYS,
            ),
        )
        .distinct()
        .subquery("twins")
    )
    yield _scenario(
        "DUPLICATE_INVOICE",
        "another invoice of the same vendor and project, with the same amount and dated within "
        f"{DUPLICATE_WINDOW_DAYS} days, is the one the error and message name",
        _hold("DUPLICATE_INVOICE").outerjoin(twins, twins.c.hold_id == INV.c.id),
        and_(twins.c.hold_id.is_not(None), _mentions(message, _error("duplicateOf"))),
    )
    posted = _request("postingDate")
    yield _scenario(
        "GL_PERIOD_CLOSED",
        "the request posts on the invoice date, in a month before the one it was sent in, and "
        "the message names that period",
        _hold("GL_PERIOD_CLOSED"),
        and_(
            posted == _day(INV.c.invoice_date),
            func.substr(posted, 1, 7) < func.substr(_day(RESP.c.requested_at), 1, 7),
            _error("period") == func.substr(posted, 1, 7),
            _mentions(message, _error("period")),
        ),
    )
    taxed, taxed_on = _line_named_by_error()
    accepted_lines = LINE.alias("accepted_line")
    accepted_codes = (
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
            taxed.c.tax_code == _error("value"),
            taxed.c.tax_code.not_in(accepted_codes),
            _mentions(message, taxed.c.tax_code),
        ),
    )
    yield _scenario(
        "ERP_TIMEOUT",
        "the answer came after every attempt the error names had timed out",
        _hold("ERP_TIMEOUT"),
        seconds_between(RESP.c.requested_at, RESP.c.responded_at)
        >= cast(_error("attempts"), Integer) * cast(_error("timeoutSeconds"), Integer),
    )


def _scenario(code: str, rule: str, base: Select[Any], ok: ColumnElement[Any]) -> Check:
    return Check(
        f"Hold {code}",
        rule,
        "invoices",
        base.add_columns(INV.c.id.label("id"), ok.label("ok")),
    )


def all_checks() -> list[Check]:
    return [
        *_foreign_key_checks(),
        *_line_checks(),
        *_budget_checks(),
        *_status_checks(),
        *_date_checks(),
        *_scenario_checks(),
    ]


def _offending(rows: Any) -> ColumnElement[int]:
    return case((rows.c.ok, literal(0)), else_=literal(1))


def summary_statement(check: Check) -> Select[int, int]:
    """Rows examined and rows offending (``ok`` false or NULL): one pass over the data."""
    rows = check.query.subquery("examined")
    return select(func.count(), func.coalesce(func.sum(_offending(rows)), 0)).select_from(rows)


def examples_statement(check: Check, examples: int) -> Select[Any]:
    """The first offending ids, in key order."""
    rows = check.query.subquery("examined")
    return select(rows.c.id).where(_offending(rows) == 1).order_by(rows.c.id).limit(examples)


def run_check(connection: Connection, check: Check, examples: int = 5) -> CheckResult:
    checked, failed = connection.execute(summary_statement(check)).one()
    ids: tuple[str, ...] = ()
    if failed:
        ids = tuple(connection.scalars(examples_statement(check, examples)))
    return CheckResult(check, int(checked), int(failed), ids)

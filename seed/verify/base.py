"""What a check is and the SQL pieces the checks are written with."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Numeric, Select, String, cast, exists, func, select

from models import TABLES
from seed.verify.sql import json_text

PROJ, BUDGET, INV, LINE, RESP = TABLES.values()
HOLD = "Hold"
#: Half a cent: money read back from SQLite is a float.
CENT_TOLERANCE = 0.005


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


def id_and_ok(row_id: ColumnElement[Any], ok: ColumnElement[Any]) -> Select[Any]:
    """The start of a check's query: the id it reports and whether the row is right."""
    return select(row_id.label("id"), ok.label("ok"))


def day(column: ColumnElement[Any]) -> ColumnElement[str]:
    """The YYYY-MM-DD text of a date or timestamp, as the payloads write dates."""
    return func.substr(cast(column, String), 1, 10)


def same_money(a: ColumnElement[Any], b: ColumnElement[Any]) -> ColumnElement[bool]:
    return func.abs(a - b) < CENT_TOLERANCE


def money(text: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(text, Numeric(12, 2))


def request(key: str) -> json_text:
    return json_text(RESP.c.request_payload, key)


def response(key: str) -> json_text:
    return json_text(RESP.c.response_payload, key)


def error(key: str) -> json_text:
    """A key of the first error object of Infinium's answer."""
    return json_text(RESP.c.response_payload, "errors", 0, key)


def mentions(text: ColumnElement[Any], part: ColumnElement[Any]) -> ColumnElement[bool]:
    return text.contains(part)


def equals(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """``column = value``, false (not NULL) when the column is NULL."""
    return func.coalesce(column, "") == value


def budgeted(project_id: ColumnElement[Any], category: ColumnElement[Any]) -> Any:
    return exists().where(BUDGET.c.project_id == project_id, BUDGET.c.cost_category == category)


def latest_attempts() -> Any:
    """Per invoice: when its latest request went out and how many it sent (its log's end)."""
    return (
        select(
            RESP.c.invoice_id.label("invoice_id"),
            func.max(RESP.c.requested_at).label("latest_at"),
            func.count().label("attempts"),
        )
        .group_by(RESP.c.invoice_id)
        .subquery("log")
    )

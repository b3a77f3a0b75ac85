"""Which bind processing each column of a table needs on a dialect, as a :class:`RowPlan`: the
dialect's own, or seed's equivalent where it is checked to give exactly the same values."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column
from sqlalchemy.engine import Dialect, make_url

from models import TABLES
from models.types import JSONText
from seed.domain.json_text import json_text
from seed.domain.money import cents_to_decimal, cents_to_float
from seed.domain.timestamps import date_text, timestamp_text
from seed.write.encoding import Process, RowPlan

_SAMPLES: dict[type, tuple[Any, ...]] = {
    datetime: (datetime(2026, 11, 24, 8, 5, 9), datetime(987, 1, 2, 3, 4, 5, 60)),
    date: (date(2026, 11, 24), date(987, 1, 2)),
    Decimal: (Decimal("0.00"), Decimal("-12345.67"), Decimal("99999999999.99"), Decimal("1E+3")),
}
_FAST: dict[type, Process] = {datetime: timestamp_text, date: date_text, Decimal: float}
_CENT_SAMPLES = (0, 1, 5, 10, 29, -29, 12_345, -12_345, 99_999_999_999)
_JSON_SAMPLES: tuple[Any, ...] = ('{"a":1}', {"b": [1, "\u00e9"], "a": None}, [], "")


def plan_tables(drivername: str, cents: bool = False) -> dict[str, RowPlan]:
    """A plan for every dashboard table."""
    return {name: plan_table(drivername, cents, name) for name in TABLES}


def plan_table(drivername: str, cents: bool, name: str) -> RowPlan:
    """Table ``name``'s plan on the driver's dialect; with ``cents``, amounts in integer cents."""
    table = TABLES[name]
    dialect = make_url(f"{drivername}://").get_dialect()()
    return RowPlan(
        name,
        tuple(column.name for column in table.columns),
        tuple(bool(column.nullable) for column in table.columns),
        tuple(_processor(column, dialect, cents) for column in table.columns),
    )


def _processor(column: Column[Any], dialect: Dialect, cents: bool = False) -> Process | None:
    process: Process | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(column.type, JSONText):
        return _checked(json_text, process, _JSON_SAMPLES)
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return process
    if cents and python_type is Decimal:
        # Integer cents stand for cents_to_decimal(cents): bound as that Decimal's float.
        if process is None or any(
            cents_to_float(c) != process(cents_to_decimal(c)) for c in _CENT_SAMPLES
        ):
            raise ValueError(f"{dialect.name} does not bind amounts as floats: no cents for it")
        return cents_to_float
    fast = _FAST.get(python_type)
    if process is None or fast is None:
        return process
    return _checked(fast, process, _SAMPLES[python_type])


def _checked(fast: Process, process: Process | None, samples: tuple[Any, ...]) -> Process | None:
    """``fast`` where it binds every sample exactly as the dialect's ``process`` does."""
    if process is None or any(fast(s) != process(s) for s in samples):
        return process
    return fast

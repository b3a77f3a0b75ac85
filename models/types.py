"""Portable column types."""

import json
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import Text, TypeDecorator

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


def dump_json(value: Any) -> str:
    """The one JSON text form we store and export: stable key order, compact."""
    return _ENCODER.encode(value)


class JSONText(TypeDecorator[Any]):
    """JSON stored as text: the Databricks dialect cannot compile ``JSON``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return dump_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)

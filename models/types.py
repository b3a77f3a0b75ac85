"""Portable column types."""

import json
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import Text, TypeDecorator

from seed.domain.json_text import json_text


class JSONText(TypeDecorator[Any]):
    """JSON stored as text: the Databricks dialect cannot compile ``JSON``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return json_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)

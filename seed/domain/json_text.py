"""The one JSON text form the tables store and the exports carry: keys sorted, compact."""

import json
from typing import Any

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


def dump_json(value: Any) -> str:
    """``value`` as JSON text in the stored form."""
    return _ENCODER.encode(value)


def json_text(value: Any) -> str | None:
    """A JSON column's value as bound: text (already JSON) and None as they are, anything else
    dumped. Lives here, free of SQLAlchemy, so a worker process binds it without the models."""
    if value is None or isinstance(value, str):
        return value
    return dump_json(value)

"""The SQLite chunks of generated rows: amounts handed over as integer cents bind exactly as
their ``Decimal`` amounts would."""

import sqlite3
from datetime import date

import pytest

from seed.generate.batches import build_batch
from seed.generate.factories import InvoiceFactory, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.write.encoding import RowEncoder
from seed.write.sqlite_chunks import SqliteChunkEncoder


def _factory() -> InvoiceFactory:
    options = SeedOptions(seed=9, as_of=date(2026, 11, 24), per_status=30)
    project = ProjectContext("RC-P", options.project_number, {"Labor": "RC-B1"})
    return InvoiceFactory(RunContext("RC", options, project))


def _rows(chunk: bytes, table: str) -> list[tuple[object, ...]]:
    database = sqlite3.connect(":memory:")
    database.deserialize(chunk)
    return database.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()


def test_chunks_in_cents_hold_what_decimal_rows_bind_to() -> None:
    factory = _factory()
    in_decimals = build_batch(factory, 0, 150)
    in_cents = build_batch(factory, 0, 150, SqliteChunkEncoder())
    encoder = RowEncoder("sqlite")
    for name, rows in in_decimals.tables():
        assert _rows(getattr(in_cents, name), name) == encoder(name, rows)
    assert in_cents.counts == in_decimals.counts and in_cents.counts.spend


def test_a_dialect_that_does_not_bind_floats_takes_no_cents() -> None:
    with pytest.raises(ValueError, match="no cents"):
        RowEncoder("postgresql+psycopg", cents=True)("invoice_lines", [])

"""The SQLite chunks of generated rows: amounts handed over as integer cents bind exactly as
their ``Decimal`` amounts would."""

import pickle
import sqlite3
import subprocess
import sys
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
    assert in_cents.spend == in_decimals.spend and in_cents.spend


def test_a_dialect_that_does_not_bind_floats_takes_no_cents() -> None:
    with pytest.raises(ValueError, match="no cents"):
        RowEncoder("postgresql+psycopg", cents=True)("invoice_lines", [])


def test_a_worker_process_encodes_chunks_without_the_schema_or_sqlalchemy() -> None:
    """A worker gets the run and the encoder pickled, as the process pool sends them, and
    encodes with the plans they carry: importing SQLAlchemy and the models would cost each
    worker about 0.3 s of CPU."""
    run = _factory().run
    script = (
        "import pickle, sys\n"
        "from seed.generate import batches\n"
        "batches._start_worker(*pickle.loads(sys.stdin.buffer.read()))\n"
        "batch = batches._build_in_worker((0, 40))\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'models'))\n"
        "sys.stdout.buffer.write(pickle.dumps((heavy, batch)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps((run, SqliteChunkEncoder())),
        capture_output=True,
        check=True,
    )
    heavy, batch = pickle.loads(done.stdout)
    assert heavy == []
    here = build_batch(_factory(), 0, 40, SqliteChunkEncoder())
    for name, chunk in here.tables():
        assert _rows(getattr(batch, name), name) == _rows(chunk, name)

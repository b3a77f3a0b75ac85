"""The Arrow face: schemas follow the models' columns and the Databricks DDL exactly, batches
hold the generator's values unchanged, and Parquet files are bounded and read back whole."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import make_url

from models import DASHBOARD_TABLES, TABLES
from models.types import JSONText
from seed.domain.json_text import dump_json
from seed.generate.batches import build_batch
from seed.generate.factories import InvoiceFactory, ProjectContext, RunContext
from seed.generate.options import SeedOptions
from seed.write.arrow import RecordBatches, arrow_schema, arrow_type, record_batch
from seed.write.parquet import ParquetFiles
from tests.fake_databricks import URL

DATABRICKS = make_url(URL).get_dialect()()
#: The Databricks DDL's type names and the Arrow types that carry them without a cast.
DDL_TO_ARROW = {
    "STRING": pa.string(),
    "DECIMAL(12, 2)": pa.decimal128(12, 2),
    "TIMESTAMP_NTZ": pa.timestamp("us"),
    "DATE": pa.date32(),
    "INT": pa.int32(),
    "BIGINT": pa.int64(),
    "SMALLINT": pa.int16(),
    "BOOLEAN": pa.bool_(),
}


def batch_rows(count: int = 40) -> Any:
    options = SeedOptions(seed=5, as_of=date(2026, 11, 24), per_status=count // 5)
    project = ProjectContext("RA-P", options.project_number, {"Labor": "RA-B1"})
    return build_batch(InvoiceFactory(RunContext("RA", options, project)), 0, count)


def as_text(payload: Any) -> str:
    return payload if isinstance(payload, str) else dump_json(payload)


@pytest.mark.parametrize("table", DASHBOARD_TABLES, ids=lambda t: t.name)
def test_schema_is_the_databricks_ddl(table: Table) -> None:
    schema = arrow_schema(table)
    assert schema.names == [c.name for c in table.columns]
    for column, field in zip(table.columns, schema, strict=True):
        ddl = column.type.compile(dialect=DATABRICKS)
        assert field.type == DDL_TO_ARROW[ddl], column
        assert field.nullable == column.nullable, column
        if pa.types.is_timestamp(field.type):
            assert field.type.tz is None


def test_new_columns_get_their_types_without_a_list_of_columns() -> None:
    """Another revision adds columns: the schema follows the table, whatever it holds."""
    table = Table(
        "extended",
        MetaData(),
        Column("id", String(64), primary_key=True),
        Column("count", BigInteger, nullable=False),
        Column("rank", SmallInteger),
        Column("position", Integer),
        Column("flag", Boolean),
        Column("rate", Numeric(7, 4)),
        Column("body", JSONText),
        Column("notes", Text),
        Column("seen_on", Date),
        Column("seen_at", DateTime),
    )
    types = [
        pa.string(), pa.int64(), pa.int16(), pa.int32(), pa.bool_(), pa.decimal128(7, 4),
        pa.string(), pa.string(), pa.date32(), pa.timestamp("us"),
    ]  # fmt: skip
    assert arrow_schema(table).types == types
    assert [f.nullable for f in arrow_schema(table)] == [False, False] + [True] * 8


@pytest.mark.parametrize(
    ("column", "says"),
    [
        (Column("ratio", Float), "no Arrow type"),
        (Column("amount", Numeric), "precision and a scale"),
        (Column("stamp", DateTime(timezone=True)), "naive UTC"),
    ],
)
def test_a_type_without_an_exact_arrow_type_is_refused(column: Column[Any], says: str) -> None:
    Table("odd", MetaData(), column)
    with pytest.raises(TypeError, match=says):
        arrow_type(column)


def test_batches_hold_the_generators_values_exactly() -> None:
    batch = batch_rows()
    for name, rows in batch.tables():
        table = TABLES[name]
        encoded = record_batch(name, rows)
        assert encoded.schema == arrow_schema(table)
        json_columns = [c.name for c in table.columns if isinstance(c.type, JSONText)]
        expected = [{**row, **{c: as_text(row[c]) for c in json_columns}} for row in rows]
        assert encoded.to_pylist() == expected
    lines = record_batch("invoice_lines", batch.invoice_lines)
    assert all(isinstance(v, Decimal) for v in lines.column("line_amount").to_pylist())
    invoices = record_batch("invoices", batch.invoices).to_pylist()
    assert {type(r["created_at"]) for r in invoices} == {datetime}
    assert {type(r["invoice_date"]) for r in invoices} == {date}


def test_a_value_that_does_not_fit_its_column_is_an_error() -> None:
    row = batch_rows(5).invoice_lines[0]
    with pytest.raises(pa.ArrowInvalid):
        record_batch("invoice_lines", [{**row, "line_amount": Decimal("1.005")}])


def test_batches_of_cents_are_the_batches_of_decimals() -> None:
    options = SeedOptions(seed=6, as_of=date(2026, 11, 24), per_status=12)
    project = ProjectContext("RA-P", options.project_number, {"Labor": "RA-B1"})
    factory = InvoiceFactory(RunContext("RA", options, project))
    in_decimals = build_batch(factory, 0, 60)
    in_cents = build_batch(factory, 0, 60, record_batch)
    for name, rows in in_decimals.tables():
        assert getattr(in_cents, name).equals(record_batch(name, rows))
    assert in_cents.counts == in_decimals.counts


@pytest.mark.parametrize("cents", [10**12, -(10**12)])
def test_cents_that_do_not_fit_their_column_are_an_error(cents: int) -> None:
    row = {**batch_rows(5).invoice_lines[0], "quantity": 1, "unit_price": 1}
    encode = RecordBatches(cents=True)
    assert encode("invoice_lines", [{**row, "line_amount": 10**12 - 1}]).num_rows == 1
    with pytest.raises(pa.ArrowInvalid):
        encode("invoice_lines", [{**row, "line_amount": cents}])


def test_parquet_files_are_bounded_and_read_back_whole(tmp_path: Path) -> None:
    table = TABLES["invoice_lines"]
    closed: list[Path] = []
    files = ParquetFiles(table, tmp_path, 20_000, lambda _t, path: closed.append(path))
    batches = [record_batch(table.name, batch_rows(60).invoice_lines) for _ in range(6)]
    biggest = max(b.nbytes for b in batches)
    for batch in batches:
        files.write(batch)
    paths = files.close()
    assert paths == closed == sorted(tmp_path.glob("part-*.parquet"))
    assert len(paths) > 1
    assert all(path.stat().st_size < 20_000 + biggest for path in paths)
    whole = pa.concat_tables(pq.read_table(path) for path in paths)
    assert whole.schema == arrow_schema(table)
    assert whole.to_pylist() == [row for b in batches for row in b.to_pylist()]


def test_an_empty_table_still_gets_a_file_with_its_schema(tmp_path: Path) -> None:
    table = TABLES["integration_responses"]
    (path,) = ParquetFiles(table, tmp_path).close()
    assert path.name == "integration_responses.parquet"
    read = pq.read_table(path)
    assert read.num_rows == 0 and read.schema == arrow_schema(table)

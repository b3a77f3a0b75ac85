"""`seed --parquet DIR`: the run's tables as Parquet files equal to what the database holds,
with the exact column types, written only when the run commits."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import URL, Connection

from models import DASHBOARD_TABLES
from models.types import JSONText
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.write.arrow import arrow_schema
from tests.helpers import read_tables
from tests.support import url_arg

OPTIONS = SeedOptions(seed=3, as_of=date(2026, 11, 24), per_status=30)


def read_parquet(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Each table's file, with JSON text loaded as the database's JSON columns are."""
    tables = {}
    for table in DASHBOARD_TABLES:
        read = pq.read_table(folder / f"{table.name}.parquet")
        assert read.schema == arrow_schema(table)
        json_columns = [c.name for c in table.columns if isinstance(c.type, JSONText)]
        rows = [
            {**row, **{c: json.loads(row[c]) for c in json_columns}} for row in read.to_pylist()
        ]
        tables[table.name] = sorted(rows, key=lambda row: str(row["id"]))
    return tables


@pytest.mark.parametrize("workers", [0, 1])
def test_parquet_files_hold_exactly_the_database_rows(
    db_url: URL, tmp_path: Path, workers: int
) -> None:
    folder = tmp_path / "parquet"
    settings = RunSettings("PQ", chunk_size=40, workers=workers, parquet_dir=folder)
    report = seed_run(db_url, OPTIONS, settings)
    assert sorted(report.files) == sorted(folder / f"{t.name}.parquet" for t in DASHBOARD_TABLES)
    assert read_parquet(folder) == read_tables(db_url)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in report.files)


def test_csv_and_parquet_together(sqlite_url: URL, tmp_path: Path) -> None:
    settings = RunSettings("BOTH", csv_dir=tmp_path / "csv", parquet_dir=tmp_path / "pq")
    report = seed_run(sqlite_url, OPTIONS, settings)
    assert {p.suffix for p in report.files} == {".csv", ".parquet"}
    assert read_parquet(tmp_path / "pq") == read_tables(sqlite_url)


def test_a_failed_run_leaves_no_parquet_files(sqlite_url: URL, tmp_path: Path) -> None:
    folder = tmp_path / "parquet"

    def fail(_connection: Connection) -> None:
        raise RuntimeError("injected before commit")

    settings = RunSettings("FAIL", parquet_dir=folder, before_commit=fail)
    with pytest.raises(RuntimeError, match="injected"):
        seed_run(sqlite_url, OPTIONS, settings)
    assert list(folder.iterdir()) == []
    assert all(not rows for rows in read_tables(sqlite_url).values())


def test_cli_writes_parquet_and_names_the_files(sqlite_url: URL, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "synthetic_data"
    shown = run_cli(
        "-n", "2", "--seed", "42", "--parquet", str(folder), "--database-url", url_arg(sqlite_url)
    )
    assert shown.code == 0, shown.err
    for table in DASHBOARD_TABLES:
        assert f"Parquet: {folder / table.name}.parquet" in " ".join(shown.out.split())
    assert read_parquet(folder) == read_tables(sqlite_url)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--sql-file", "x.sql", "--dialect", "sqlite"], "give either --sql-file or --parquet"),
        (["--database-url", "databricks://token:x@h?http_path=/p"], "--parquet is for local"),
    ],
)
def test_parquet_where_it_cannot_go_is_one_line(
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
    args: list[str],
    says: str,
) -> None:
    shown = run_cli("-n", "1", "--parquet", str(tmp_path / "pq"), *args)
    assert shown.code == 2
    assert says in shown.err and len(shown.err.strip().splitlines()) == 1
    assert not (tmp_path / "pq").exists()

"""The staged Parquet files as Databricks reads them, on local Spark: the tables are made from
the migration's own Databricks DDL (Delta swapped for Parquet, informational keys dropped), every
staged file's schema is exactly its table's, and ``insertInto`` loads exact counts and sums."""

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Numeric, create_engine, make_url, select

from models import DASHBOARD_TABLES, TABLES
from seed.generate.options import SeedOptions
from seed.run import RunSettings, SqlScript, seed_run
from tests.fake_databricks import URL
from tests.fake_volume import VOLUME
from tests.support import migrate, migration_sql

pyspark = pytest.importorskip("pyspark", reason="pyspark is a dev dependency")
from pyspark.sql import SparkSession  # noqa: E402

pytestmark = pytest.mark.slow
OPTIONS = SeedOptions(seed=9, as_of=date(2026, 11, 24), per_status=200)
DASHBOARD = {table.name for table in DASHBOARD_TABLES}


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    warehouse = tmp_path_factory.mktemp("warehouse")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("holdbusters-staged-files")
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()


def spark_ddl(script: str) -> list[str]:
    """The migration's statements on the dashboard tables, for local Spark: Parquet instead of
    Delta (and its table properties), and no PRIMARY/FOREIGN KEY (informational on Databricks,
    unknown to Spark's Parquet tables)."""
    statements = []
    for statement in script.split(";\n"):
        sql = re.sub(r"^--.*$", "", statement, flags=re.MULTILINE).strip()
        target = re.match(r"(?:CREATE|ALTER) TABLE (\w+)", sql)
        if target is None or target.group(1) not in DASHBOARD:
            continue
        lines = [line for line in sql.splitlines() if not line.strip().startswith("CONSTRAINT")]
        sql = re.sub(r",\s*\n\)", "\n)", "\n".join(lines))
        sql = re.sub(r"USING DELTA\s*TBLPROPERTIES\(.*?\)", "USING parquet", sql, flags=re.S)
        statements.append(sql)
    return statements


def test_spark_reads_every_staged_file_as_its_table_and_loads_it(
    spark: SparkSession, tmp_path: Path
) -> None:
    stage = tmp_path / "stage"
    settings = RunSettings("RSPARK", load="volume", volume=VOLUME, stage_dir=stage)
    report = seed_run(SqlScript(tmp_path / "load.sql", "databricks"), OPTIONS, settings)
    reference = tmp_path / "reference.db"
    _seed_sqlite_reference(reference)

    # Its own database: the session may be the Spark engine tests' (getOrCreate), whose current
    # database already has these tables.
    spark.sql("CREATE DATABASE staged_files")
    spark.sql("USE staged_files")
    ddl = spark_ddl(migration_sql(URL))
    assert len([s for s in ddl if s.startswith("CREATE")]) == len(DASHBOARD)
    for sql in ddl:
        spark.sql(sql)
    for table in DASHBOARD_TABLES:  # parents first, as COPY INTO runs
        staged = spark.read.parquet(str(stage / "RSPARK" / table.name))
        target = spark.table(table.name)
        assert [(f.name, f.dataType) for f in staged.schema] == [
            (f.name, f.dataType) for f in target.schema
        ], table.name
        if table.name == "invoices":  # the types Databricks has, not strings or zoned times
            kinds = {f.name: f.dataType.simpleString() for f in staged.schema}
            assert kinds["total_amount"] == "decimal(12,2)"
            assert kinds["created_at"] == "timestamp_ntz"
            assert (kinds["invoice_date"], kinds["days_pending"]) == ("date", "int")
        staged.write.insertInto(table.name)
        loaded = spark.table(table.name)
        assert loaded.count() == report.result.rows[table.name]
        for column in table.columns:
            if isinstance(column.type, Numeric):
                total = loaded.agg({column.name: "sum"}).first()[0] or Decimal(0)  # type: ignore[index]
                assert total == _sqlite_sum(reference, table.name, column.name), column


def _seed_sqlite_reference(path: Path) -> None:
    """The same run into SQLite through the local path: the sums to expect."""
    url = make_url(f"sqlite:///{path}")
    migrate(url)
    seed_run(url, OPTIONS, RunSettings("RSPARK"))


def _sqlite_sum(path: Path, table: str, column: str) -> Decimal:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(TABLES[table].c[column])).scalars().all()
    finally:
        engine.dispose()
    return sum(rows, Decimal(0))

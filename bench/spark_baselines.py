"""Baselines for the Spark benchmark: the same five tables (row counts, columns, types) made by
dbldatagen, and by a Spark-native floor (``spark.range`` and built-in expressions only); and our
own job with generation free, which shows what of ours is Spark's part.

Both do less work than ours: they follow none of the domain's rules (statuses, dates, amounts
that add up, Holds that show their defect). They set the pace of Spark itself on this machine.
"""

import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pyarrow as pa
from sqlalchemy import Column, Date, DateTime, Integer, Numeric

from models import TABLES
from seed.domain.statuses import STATUSES
from seed.generate.factories import ProjectContext, RunContext
from seed.generate.options import SeedOptions


def _native(column: Column[Any], position: int) -> str:
    """A Spark SQL expression over ``id`` giving the column's type and a varied value."""
    kind = column.type
    if isinstance(kind, Numeric):
        return f"CAST(rand({position}) * 50000 AS DECIMAL({kind.precision}, {kind.scale}))"
    if isinstance(kind, DateTime):
        return f"to_timestamp_ntz(timestamp_seconds(1750000000 + id * 37 + {position}))"
    if isinstance(kind, Date):
        return f"date_add(DATE'2026-01-01', CAST((id * 7 + {position}) % 300 AS INT))"
    if isinstance(kind, Integer):
        return f"CAST((id * 13 + {position}) % 90 AS INT)"
    return f"concat('{column.name[:3]}-', CAST(id AS STRING))"


def native_floor(spark: Any, counts: dict[str, int], schema: str) -> None:
    """Each table as ``spark.range(n).selectExpr(...)`` written with saveAsTable (Parquet)."""
    for name, rows in counts.items():
        table = TABLES[name]
        exprs = [
            f"{_native(column, position)} AS `{column.name}`"
            for position, column in enumerate(table.columns)
        ]
        frame = spark.range(0, rows, numPartitions=max(2, rows // 100_000)).selectExpr(*exprs)
        frame.write.mode("overwrite").saveAsTable(f"{schema}.floor_{name}")


def _dbldatagen_column(spec: Any, column: Column[Any]) -> Any:
    kind = column.type
    if isinstance(kind, Numeric):
        return spec.withColumn(
            column.name,
            f"decimal({kind.precision},{kind.scale})",
            minValue=1,
            maxValue=50000,
            random=True,
        )
    if isinstance(kind, DateTime):
        return spec.withColumn(
            column.name,
            "timestamp",
            begin="2026-01-01 00:00:00",
            end="2026-11-24 23:59:00",
            interval="1 minute",
            random=True,
        )
    if isinstance(kind, Date):
        return spec.withColumn(
            column.name,
            "date",
            begin="2026-01-01",
            end="2026-11-24",
            interval="1 day",
            random=True,
        )
    if isinstance(kind, Integer):
        return spec.withColumn(column.name, "int", minValue=0, maxValue=90, random=True)
    return spec.withColumn(
        column.name,
        "string",
        format=f"{column.name[:3]}-%08d",
        minValue=1,
        maxValue=10**8,
        random=True,
    )


def dbldatagen_tables(spark: Any, counts: dict[str, int], schema: str) -> None:
    """The same tables from dbldatagen specs, written with saveAsTable (Parquet)."""
    import dbldatagen

    for name, rows in counts.items():
        spec = dbldatagen.DataGenerator(
            spark,
            name=name,
            rows=rows,
            partitions=max(2, rows // 100_000),
            randomSeed=42,
            seedColumnName="_seed_id",  # its own id column; ours is `id`
        )
        for column in TABLES[name].columns:
            spec = _dbldatagen_column(spec, column)
        spec.build().write.mode("overwrite").saveAsTable(f"{schema}.dbldatagen_{name}")


def dbldatagen_problem() -> str | None:
    """Why dbldatagen cannot run here, or None."""
    try:
        import dbldatagen  # noqa: F401
    except ModuleNotFoundError as exc:
        return (
            f"dbldatagen is not importable ({exc.name} missing: dbldatagen 0.4 declares no "
            "dependencies; pip install dbldatagen jmespath pyparsing)"
        )
    return None


class _Replay:
    """The ``mapInArrow`` function of ``generation_free``: each task hands Spark one chunk made
    beforehand (Arrow IPC stream bytes), once for each ``size`` of its invoices."""

    def __init__(self, chunk: bytes, size: int) -> None:
        self.chunk = chunk
        self.size = size

    def __call__(self, indexes: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        batches = list(pa.ipc.open_stream(self.chunk))
        for batch in indexes:
            for _ in range(0, batch.num_rows, self.size):
                yield from batches


def generation_free(spark: Any, invoices: int, schema: str, size: int = 1_000) -> int:
    """Our generating job with generation free: our own rows of ``size`` invoices, widened as
    ours are, made once here; each task replays them for its invoices, and the job writes them
    exactly as ours does (same partitions, options and settings). Its time is the Spark side of
    ours: the Arrow hand-over and rows to Parquet. Returns the rows written."""
    from pyspark import cloudpickle

    from seed.engines.spark.generate import KIND, SUMMARY, GenerateInvoices, staged_schema
    from seed.engines.spark.stage import partitions_for, write_staged

    # The Python workers cannot import this bench module: _Replay travels by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    options = SeedOptions(seed=1, as_of=date(2026, 11, 24), per_status=size // len(STATUSES))
    project = ProjectContext("BENCH-P", options.project_number, {"Labor": "BENCH-B1"})
    made = GenerateInvoices(RunContext("BENCH", options, project), size)
    first = pa.record_batch({"id": pa.array(range(size), pa.int64())})
    batches = [b for b in made(iter([first])) if b.column(KIND)[0].as_py() != SUMMARY]
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, staged_schema()) as stream:
        for batch in batches:
            stream.write_batch(batch)
    replay = _Replay(sink.getvalue().to_pybytes(), size)
    partitions = partitions_for(invoices, None)
    write_staged(spark, f"{schema}.generation_free", invoices, partitions, replay)
    return sum(b.num_rows for b in batches) * (invoices // size)

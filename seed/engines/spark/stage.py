"""The one Spark job that runs our Python: invoices generated into a staging table.

Only this job runs the generator, and it writes only the run's own staging table (partitioned
by each row's table, ``kind``), so a task that fails (and Spark retries in vain) leaves the
five tables untouched. The summary and the budgets then need only the tasks' summary rows.
"""

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pyarrow as pa

from seed.engines.spark.generate import (
    GENERATED,
    KIND,
    SUMMARY,
    GenerateInvoices,
    counts_of_json,
    staged_schema,
)
from seed.generate.batches import InvoiceCounts
from seed.generate.factories import RunContext

#: What ``mapInArrow`` calls in each task: its batches of invoice indexes to staged batches.
MakeRows = Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]

#: Invoices per Spark task when the target does not say: small enough for steady progress and
#: to spread over many cores, large enough that a task's start-up (tens of ms) is a small share.
INVOICES_PER_TASK = 5_000

#: The generating job's write: each task writes its rows as Python hands them over, into one
#: open file per ``kind``, instead of Spark's planned write, which sorts all of a task's rows by
#: ``kind`` first (the task then buffers them all and writes only once Python is done).
CONCURRENT_WRITE = {
    "spark.sql.optimizer.plannedWrite.enabled": "false",
    "spark.sql.maxConcurrentOutputFileWriters": str(len(GENERATED) + 1),
}

#: Staged columns whose values are (nearly) all distinct: Parquet's dictionary encoding would
#: hash every value and then fall back to plain encoding anyway (it was a third of the writing
#: task's time), so it is not tried for them.
DISTINCT_VALUED = (
    "id",
    "invoice_number",
    "total_amount",
    "line_amount",
    "submitted_at",
    "approved_at",
    "paid_at",
    "created_at",
    "updated_at",
    "requested_at",
    "responded_at",
    "request_payload",
    "response_payload",
)


def staging_table(run_id: str) -> str:
    return f"seed_staging_{run_id.lower()}"


def partitions_for(invoice_count: int, asked: int | None) -> int:
    if asked is not None:
        return max(1, min(asked, invoice_count or 1))
    return max(1, min(invoice_count, max(2, math.ceil(invoice_count / INVOICES_PER_TASK))))


def stage_invoices(
    spark: Any, table: str, run: RunContext, chunk_size: int, partitions: int
) -> None:
    """Generate the run's invoices in ``partitions`` tasks into the new table ``table``."""
    write_staged(
        spark, table, run.options.invoice_count, partitions, GenerateInvoices(run, chunk_size)
    )


def write_staged(
    spark: Any, table: str, invoice_count: int, partitions: int, make_rows: MakeRows
) -> None:
    """``make_rows`` over invoice indexes 0 to ``invoice_count`` in ``partitions`` tasks, its
    batches (of the staged schema) written into the new table ``table``, partitioned by kind."""
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(staged_schema(), prefer_timestamp_ntz=True)
    trees = spark.range(0, invoice_count, numPartitions=partitions).mapInArrow(make_rows, schema)
    writer = trees.write.partitionBy(KIND)
    for column in DISTINCT_VALUED:
        writer = writer.option(f"parquet.enable.dictionary#{column}", "false")
    with session_conf(spark, CONCURRENT_WRITE):
        writer.saveAsTable(table)


@contextmanager
def session_conf(spark: Any, settings: dict[str, str]) -> Iterator[None]:
    """``settings`` on the session for the block, those it accepts (Databricks serverless
    refuses many), then as they were."""
    saved: dict[str, str | None] = {}
    for key, value in settings.items():
        with suppress(Exception):
            before = spark.conf.get(key, None)
            spark.conf.set(key, value)
            saved[key] = before
    try:
        yield
    finally:
        for key, before in saved.items():
            with suppress(Exception):
                if before is None:
                    spark.conf.unset(key)
                else:
                    spark.conf.set(key, before)


def staged_counts(spark: Any, table: str) -> InvoiceCounts:
    """The run's invoice counts: its tasks' summary rows added up."""
    total = InvoiceCounts()
    for (text,) in spark.sql(f"SELECT {SUMMARY} FROM {table} WHERE {KIND} = '{SUMMARY}'").collect():
        total.add(counts_of_json(text))
    return total

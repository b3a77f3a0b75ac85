"""The one Spark job that runs our Python: invoices generated into a staging table.

Only this job runs the generator, and it writes only the run's own staging table (partitioned
by each row's table, ``kind``), so a task that fails (and Spark retries in vain) leaves the
five tables untouched. The summary and the budgets then need only the tasks' summary rows.
"""

import math
from typing import Any

from seed.engines.spark.generate import KIND, SUMMARY, GenerateInvoices, TaskSummary, staged_schema
from seed.generate.factories import RunContext

#: Invoices per Spark task when the target does not say: small enough for steady progress and
#: to spread over many cores, large enough that a task's start-up (tens of ms) is a small share.
INVOICES_PER_TASK = 5_000


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
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(staged_schema(), prefer_timestamp_ntz=True)
    trees = spark.range(0, run.options.invoice_count, numPartitions=partitions).mapInArrow(
        GenerateInvoices(run, chunk_size), schema
    )
    trees.write.partitionBy(KIND).saveAsTable(table)


def staged_summary(spark: Any, table: str) -> TaskSummary:
    """The run's summary: its tasks' summary rows added up."""
    total = TaskSummary()
    for (text,) in spark.sql(f"SELECT {SUMMARY} FROM {table} WHERE {KIND} = '{SUMMARY}'").collect():
        total.add(TaskSummary.from_json(text))
    return total

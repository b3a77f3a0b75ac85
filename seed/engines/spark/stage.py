"""The one Spark job that runs our Python: invoices generated into a staging table.

Only this job runs the generator, and it writes only the run's own staging table, so a task that
fails (and Spark retries in vain) leaves the five tables untouched. What the summary and the
budgets need is then read back from the staging table with Spark SQL.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from seed.domain.money import to_cents
from seed.domain.statuses import SPENDING_STATUSES
from seed.engines.spark.generate import GenerateInvoices, invoice_tree_schema
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

    schema = from_arrow_schema(invoice_tree_schema(), prefer_timestamp_ntz=True)
    trees = spark.range(0, run.options.invoice_count, numPartitions=partitions).mapInArrow(
        GenerateInvoices(run, chunk_size), schema
    )
    trees.write.saveAsTable(table)


@dataclass
class StagedCounts:
    rows: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    hold_codes: Counter[str] = field(default_factory=Counter)
    #: Approved and Paid spend per budget line id, in cents.
    spend: Counter[str] = field(default_factory=Counter)


def staged_counts(spark: Any, table: str) -> StagedCounts:
    counts = StagedCounts()
    for status, code, invoices, lines, responses in spark.sql(
        f"SELECT invoice.status, invoice.error_code, count(*), sum(size(lines)), count(response) "
        f"FROM {table} GROUP BY 1, 2"
    ).collect():
        counts.statuses[status] += invoices
        if code is not None:
            counts.hold_codes[code] += invoices
        counts.rows["invoices"] += invoices
        counts.rows["invoice_lines"] += lines
        counts.rows["integration_responses"] += responses
    spending = ", ".join(f"'{status}'" for status in SPENDING_STATUSES)
    for line_id, amount in spark.sql(
        f"SELECT line.budget_line_id, sum(line.line_amount) FROM {table} "
        f"LATERAL VIEW explode(lines) exploded AS line WHERE invoice.status IN ({spending}) "
        "AND line.budget_line_id IS NOT NULL GROUP BY 1"
    ).collect():
        counts.spend[line_id] += to_cents(amount)
    return counts

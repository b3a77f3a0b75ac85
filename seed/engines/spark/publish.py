"""Publishing a staged run: the small parts from the driver, the invoices from the staging table.

Parents first: the project and the budget lines it adds (already at the amounts the run's spend
needs), the invoices, their lines and responses (``INSERT ... SELECT`` from the staging table,
work for the JVM alone), then the raised amounts of a reused project's budget lines.
"""

from decimal import Decimal
from typing import Any

from models import TABLES
from seed.targets.stream import ProjectPlan
from seed.write.statements import StatementWriter

#: Each staged table's rows, selected from the staging table's nested columns.
UNNESTED = {
    "invoices": "SELECT invoice.* FROM {staging}",
    "invoice_lines": "SELECT line.* FROM {staging} LATERAL VIEW explode(lines) exploded AS line",
    "integration_responses": "SELECT response.* FROM {staging} WHERE response IS NOT NULL",
}


def publish(
    spark: Any,
    writer: StatementWriter,
    staging: str,
    plan: ProjectPlan,
    raised: dict[str, Decimal],
) -> None:
    if plan.project_row is not None:
        writer.insert(TABLES["projects"], [plan.project_row])
    writer.insert(
        TABLES["budget_lines"],
        [
            {**row, "budget_amount": raised.get(row["id"], row["budget_amount"])}
            for row in plan.budget_rows
        ],
    )
    writer.flush()
    for name, select in UNNESTED.items():
        columns = ", ".join(f"`{column.name}`" for column in TABLES[name].columns)
        spark.sql(f"INSERT INTO `{name}` ({columns}) {select.format(staging=staging)}")
    new = {row["id"] for row in plan.budget_rows}
    writer.set_budget_amounts({key: amount for key, amount in raised.items() if key not in new})

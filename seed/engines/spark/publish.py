"""Publishing a staged run: the small parts from the driver, the invoices from the staging table.

Parents first: the project and the budget lines it adds (already at the amounts the run's spend
needs), the invoices, their lines and responses, then the raised amounts of a reused project's
budget lines. Where the tables are plain Parquet folders this process can reach (local Spark),
the staged files are moved into them: the rows are written once, by the generating job. Elsewhere
(Delta, Spark Connect) each table's partition of the staging table is inserted into it.
"""

from decimal import Decimal
from typing import Any

from models import TABLES
from seed.engines.spark.generate import GENERATED, KIND
from seed.engines.spark.session import is_connect
from seed.targets.stream import ProjectPlan
from seed.write.statements import StatementWriter


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
    publish_invoices(spark, staging)
    new = {row["id"] for row in plan.budget_rows}
    writer.set_budget_amounts({key: amount for key, amount in raised.items() if key not in new})


def publish_invoices(spark: Any, staging: str) -> None:
    """The staged invoices, lines and responses into their tables."""
    places = {name: _place(spark, name) for name in (staging, *GENERATED)}
    movable = not is_connect(spark) and all(
        provider == "parquet" for provider, _ in places.values()
    )
    for name in GENERATED:
        if movable:
            _move_files(spark, f"{places[staging][1]}/{KIND}={name}", places[name][1])
            spark.sql(f"REFRESH TABLE `{name}`")
        else:
            columns = ", ".join(f"`{column.name}`" for column in TABLES[name].columns)
            spark.sql(
                f"INSERT INTO `{name}` ({columns}) SELECT {columns} FROM {staging} "
                f"WHERE {KIND} = '{name}'"
            )


def _place(spark: Any, table: str) -> tuple[str, str]:
    """The table's format (lower case) and location."""
    details = {row[0]: row[1] for row in spark.sql(f"DESCRIBE TABLE EXTENDED `{table}`").collect()}
    return str(details.get("Provider", "")).lower(), str(details.get("Location", ""))


def _move_files(spark: Any, source: str, target: str) -> None:
    """Move the data files of folder ``source`` into folder ``target`` (renames: no row is read
    or written again), through Hadoop's file system as Spark itself does."""
    hadoop_path = spark._jvm.org.apache.hadoop.fs.Path
    folder = hadoop_path(source)
    files = folder.getFileSystem(spark._jsc.hadoopConfiguration())
    if not files.exists(folder):  # the table got no rows from this run
        return
    for status in files.listStatus(folder):
        path = status.getPath()
        if path.getName().startswith("part-") and not files.rename(
            path, hadoop_path(target, path.getName())
        ):
            raise OSError(f"could not move {path} into {target}")

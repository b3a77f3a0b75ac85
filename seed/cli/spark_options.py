"""`seed`'s options for the Spark engine, and the destination URL they describe."""

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import URL

from seed.engines.spark.target import (
    DEFAULT_MASTER,
    DEFAULT_SCHEMA,
    DEFAULT_WAREHOUSE,
    spark_target,
)
from seed.errors import UsageError

ENGINES = ("local", "spark")

Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help="local: generate in this process (and its workers); spark: generate in Spark "
        "tasks and write Spark tables (needs the [spark] extra).",
    ),
]
SparkMaster = Annotated[
    str | None,
    typer.Option(
        "--spark-master", help="Local Spark's master, e.g. local[4].", show_default=DEFAULT_MASTER
    ),
]
SparkWarehouse = Annotated[
    Path | None,
    typer.Option(
        "--spark-warehouse",
        help="Folder of local Spark's tables and catalog.",
        show_default=DEFAULT_WAREHOUSE,
    ),
]
SparkSchema = Annotated[
    str | None,
    typer.Option("--spark-schema", help="Schema of the tables.", show_default=DEFAULT_SCHEMA),
]
SparkRemote = Annotated[
    str | None,
    typer.Option(
        "--spark-remote",
        help="A Spark Connect server, sc://HOST:PORT, instead of local Spark.",
        show_default=False,
    ),
]


def spark_url(
    engine: str,
    target: str | None,
    master: str | None,
    warehouse: Path | None,
    schema: str | None,
    remote: str | None,
) -> URL | None:
    """The Spark destination the options name, or None when the run does not use Spark."""
    chosen = engine.strip().lower()
    if chosen not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose from {', '.join(ENGINES)}")
    if chosen == "local":
        given = [
            name
            for name, value in (
                ("--spark-master", master),
                ("--spark-warehouse", warehouse),
                ("--spark-schema", schema),
                ("--spark-remote", remote),
            )
            if value is not None
        ]
        if given:
            raise UsageError(f"{given[0]} is for the Spark engine: add --engine spark")
        return None
    databricks = (target or "local").strip().lower() == "databricks"
    return spark_target(
        master=master,
        warehouse=warehouse,
        schema=schema,
        remote=remote,
        databricks=databricks,
    ).url()

"""The one entry point that seeds a run: the CLI, the benchmarks and the tests all call it.

    from seed.run import RunSettings, seed_run
    report = seed_run(url, SeedOptions(seed=42, as_of=date(2026, 11, 24)), RunSettings())

``destination`` is a database URL (SQLite, PostgreSQL or Databricks) or a ``SqlScript``;
``options`` is what the run contains, ``settings`` how it is carried out (run id, chunk size,
workers, lock timeout, CSV folder, progress).
"""

from sqlalchemy.engine import URL

from seed.errors import UsageError
from seed.generate.options import SeedOptions
from seed.targets.databricks import seed_databricks
from seed.targets.local import seed_local
from seed.targets.plan import RunSettings, SeedReport
from seed.targets.sql_script import CSV_WITH_SQL_FILE, SqlScript, write_sql_script

__all__ = ["RunSettings", "SeedReport", "SqlScript", "seed_run"]


def seed_run(
    destination: URL | SqlScript, options: SeedOptions, settings: RunSettings
) -> SeedReport:
    """Seed one run into ``destination``: all of it, or (as far as the backend allows) nothing."""
    if isinstance(destination, SqlScript):
        if settings.csv_dir is not None:
            raise UsageError(CSV_WITH_SQL_FILE)
        return write_sql_script(destination, options, settings)
    if destination.get_backend_name() == "spark":
        if settings.csv_dir is not None:
            raise UsageError("--csv is for local databases; Spark writes its own tables")
        from seed.engines.spark.engine import seed_spark  # needs the [spark] extra

        return seed_spark(destination, options, settings)
    if destination.get_backend_name() == "databricks":
        if settings.csv_dir is not None:
            raise UsageError(
                "--csv is for local databases; on Databricks use --sql-file or seed directly"
            )
        return seed_databricks(destination, options, settings)
    return seed_local(destination, options, settings)

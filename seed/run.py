"""The one entry point that seeds a run: the CLI, the benchmarks and the tests all call it.

    from seed.run import RunSettings, seed_run
    report = seed_run(url, SeedOptions(seed=42, as_of=date(2026, 11, 24)), RunSettings())

``destination`` is a database URL (SQLite, PostgreSQL or Databricks) or a ``SqlScript``;
``options`` is what the run contains, ``settings`` how it is carried out (run id, chunk size,
workers, lock timeout, CSV/Parquet folders, Databricks load, progress).
"""

from sqlalchemy.engine import URL

from seed.errors import UsageError
from seed.generate.options import SeedOptions
from seed.targets.databricks import seed_databricks
from seed.targets.databricks_volume import seed_databricks_volume
from seed.targets.load import VOLUME, choose_load
from seed.targets.local import seed_local
from seed.targets.plan import RunSettings, SeedReport
from seed.targets.sql_script import SqlScript, write_sql_script
from seed.targets.volume_script import write_volume_script

__all__ = ["RunSettings", "SeedReport", "SqlScript", "seed_run"]


def seed_run(
    destination: URL | SqlScript, options: SeedOptions, settings: RunSettings
) -> SeedReport:
    """Seed one run into ``destination``: all of it, or (as far as the backend allows) nothing."""
    if isinstance(destination, SqlScript):
        script, backend = True, destination.dialect
    else:
        script, backend = False, destination.get_backend_name()
    databricks = backend == "databricks"
    exports = [
        option
        for option, folder in (("--csv", settings.csv_dir), ("--parquet", settings.parquet_dir))
        if folder is not None
    ]
    if exports and script:
        raise UsageError(f"give either --sql-file or {exports[0]}, not both")
    if exports and backend == "spark":
        raise UsageError(f"{exports[0]} is for local databases; Spark writes its own tables")
    if settings.workers is not None and backend == "spark":
        raise UsageError(
            "--workers is for local generation; on Spark its tasks generate, as many at once as "
            "the master has cores (--spark-master local[N]): drop --workers"
        )
    if exports and databricks:
        raise UsageError(
            f"{exports[0]} is for local databases; on Databricks use --load volume, "
            "--sql-file or seed directly"
        )
    load = choose_load(settings, options.invoice_count, databricks=databricks, script=script)
    volume = settings.volume if load == VOLUME else None
    if isinstance(destination, SqlScript):
        if volume is not None:
            return write_volume_script(destination, options, settings, volume)
        return write_sql_script(destination, options, settings)
    if volume is not None:
        return seed_databricks_volume(destination, options, settings, volume)
    if backend == "spark":
        from seed.engines.spark.session import require_spark_extra
        from seed.engines.spark.target import DATABRICKS_CONNECT

        require_spark_extra(databricks=destination.drivername == DATABRICKS_CONNECT)
        from seed.engines.spark.engine import seed_spark

        return seed_spark(destination, options, settings)
    if databricks:
        return seed_databricks(destination, options, settings)
    return seed_local(destination, options, settings)

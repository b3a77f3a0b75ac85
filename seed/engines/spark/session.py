"""Starts (or reuses) the Spark session a target names, and says in one line why it cannot.

Local Spark gets a persistent catalog in its warehouse folder (Hive metastore in embedded Derby:
both ship in the pyspark wheel), so the tables outlive the process, and runs the executors'
Python in this interpreter, where this package and pyarrow are installed.
"""

import importlib.util
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from seed.engines.spark.errors import explain_spark_error
from seed.engines.spark.target import DEFAULT_SCHEMA, SparkTarget
from seed.errors import SeedError, UsageError

#: Settings every session of ours gets: quiet, UTC, and naive timestamps as TIMESTAMP_NTZ
#: (the models' DateTime is naive UTC).
RUNTIME_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}

#: The driver JVM's Arrow reads the Python workers' batches without checking each access's
#: bounds and reference count (those checks were about a twentieth of the writing task's time).
FAST_ARROW = ("-Darrow.enable_unsafe_memory_access=true", "-Darrow.enable_null_check_for_get=false")

_sessions: dict[SparkTarget, Any] = {}


#: What the [spark] extra installs (or databricks-connect, which brings its own pyspark): the
#: module, and how the one line names it.
SPARK_EXTRA = (("pyspark", "pyspark"), ("databricks.sqlalchemy", "Spark SQL's dialect"))


def require_spark_extra(databricks: bool = False) -> None:
    """Before anything imports them: without the extra, importing the engine fails on a module
    name, which says nothing about how to fix it. On Databricks (``databricks``) pyspark comes
    from Databricks Connect, or from the runtime when run there."""
    extra = "databricks-connect" if databricks else "spark"
    for module, what in SPARK_EXTRA:
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:  # its parent package is missing
            found = False
        if not found:
            raise UsageError(
                f"--engine spark needs {what} (no module {module}): "
                f"pip install 'holdbusters-seeder[{extra}]'"
            )


def require_java() -> None:
    """Local Spark starts a JVM; without Java it fails with a page of shell output."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:  # Spark's launcher uses it over PATH, and fails with a page of output
        if (Path(java_home) / "bin" / "java").exists():
            return
        raise SeedError(
            f"JAVA_HOME is {java_home}, which has no bin/java: point it at a Java 17 or later "
            "installation, or unset it to use the java on PATH"
        )
    if shutil.which("java") is None:
        raise SeedError(
            "local Spark needs Java 17 or later, and none was found: install a JDK "
            "(e.g. apt install openjdk-17-jre-headless) or set JAVA_HOME"
        )


def local_conf(target: SparkTarget) -> dict[str, str]:
    warehouse = (target.warehouse or Path("spark-warehouse")).resolve()
    metastore = f"jdbc:derby:;databaseName={warehouse / 'metastore_db'};create=true"
    return {
        "spark.app.name": "holdbusters-seeder",
        "spark.sql.warehouse.dir": str(warehouse),
        "spark.sql.catalogImplementation": "hive",
        "spark.hadoop.javax.jdo.option.ConnectionURL": metastore,
        "spark.driver.extraJavaOptions": " ".join(
            (f"-Dderby.stream.error.file={warehouse / 'derby.log'}", *FAST_ARROW)
        ),
        "spark.pyspark.python": sys.executable,
        "spark.pyspark.driver.python": sys.executable,
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        **RUNTIME_CONF,
    }


def spark_session(target: SparkTarget) -> Any:
    """The session for ``target``, started once per process (one per place: the schema and
    partitions are not the session's)."""
    place = replace(target, schema=DEFAULT_SCHEMA, partitions=None)
    session = _sessions.get(place)
    if session is not None:
        return session
    require_spark_extra(target.databricks is not None)
    # pyspark warns about pandas 3 (which we do not use) and about each exhausted retry.
    warnings.filterwarnings("ignore", message=".*pandas >= 3.0.0.*", category=FutureWarning)
    warnings.filterwarnings("ignore", message=r"\[RETRIES_EXCEEDED\]", category=UserWarning)
    try:
        session = _start(target)
        session.sql("SELECT 1").collect()  # Spark Connect connects lazily: fail here, clearly
    except (SeedError, UsageError):
        raise
    except Exception as exc:
        raise explain_spark_error(exc, target) from exc
    _sessions[place] = session
    return session


def _start(target: SparkTarget) -> Any:
    if target.databricks is not None:
        from seed.engines.spark.databricks_connect import databricks_session

        return databricks_session(target.databricks)
    from pyspark.sql import SparkSession

    if target.remote is not None:
        host, port = target.remote
        # The Connect client's own builder: the generic one refuses while a local session runs.
        from pyspark.sql.connect.session import SparkSession as ConnectSession

        remote = ConnectSession.builder.remote(f"sc://{host}:{port}").create()
        bounded_retries(remote)
        for key, value in RUNTIME_CONF.items():
            remote.conf.set(key, value)
        return remote
    require_java()
    if target.warehouse is not None:
        if target.warehouse.exists() and not target.warehouse.is_dir():
            raise SeedError(
                f"--spark-warehouse {target.warehouse} is a file: give a folder (it is made if "
                "missing)"
            )
        target.warehouse.mkdir(parents=True, exist_ok=True)
    # The executors' Python: this interpreter (it has this package and pyarrow).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    _require_same_warehouse(SparkSession.getActiveSession(), target)
    builder = SparkSession.builder.master(target.master or "local[*]")
    for key, value in local_conf(target).items():
        builder = builder.config(key, value)
    with _jvm_output_into(spark_log(target)):
        session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def is_connect(spark: Any) -> bool:
    """A Spark Connect session (which has no JVM in this process)."""
    return type(spark).__module__.startswith("pyspark.sql.connect")


def bounded_retries(session: Any) -> None:
    """Spark Connect retries an unreachable server for over ten minutes by default (it looks
    like a hang): a few quick retries, about ten seconds in all, then the error."""
    from pyspark.sql.connect.client.retries import DefaultPolicy

    session.client.set_retry_policies(
        [DefaultPolicy(max_retries=4, initial_backoff=200, max_backoff=2000)]
    )


def _require_same_warehouse(active: Any, target: SparkTarget) -> None:
    """A JVM has one Spark, whose warehouse and master are fixed when it starts: another
    warehouse in the same process would silently be the first one."""
    if active is None:
        return
    running = Path(active.conf.get("spark.sql.warehouse.dir").removeprefix("file:")).resolve()
    wanted = (target.warehouse or Path("spark-warehouse")).resolve()
    if running != wanted:
        raise SeedError(
            f"this process's Spark already uses the warehouse {running}; one process has one "
            f"local Spark, so use {wanted} from another process"
        )


def spark_log(target: SparkTarget) -> Path:
    """Where local Spark's JVM (and the Python workers it starts) write their own output."""
    return (target.warehouse or Path("spark-warehouse")).resolve() / "spark.log"


@contextmanager
def _jvm_output_into(log: Path) -> Iterator[None]:
    """The JVM inherits this process's stdout and stderr when it starts, and writes start-up
    banners, warnings and task tracebacks there for its whole life: point them at a log file
    while it starts (ours are restored at once), so our output stays one clean summary."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log.open("ab") as file:
        os.dup2(file.fileno(), 1)
        os.dup2(file.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def require_warehouse(target: SparkTarget) -> None:
    """Jobs other than seeding read an existing warehouse: starting Spark on a mistyped folder
    would make an empty catalog there (as connecting makes an empty SQLite file)."""
    if target.warehouse is not None and not (target.warehouse / "metastore_db").is_dir():
        raise SeedError(
            f"no Spark warehouse at {target.warehouse}: check the path, or seed into it first "
            f"with `seed --engine spark --spark-warehouse {target.warehouse}`"
        )


def use_schema(spark: Any, target: SparkTarget) -> None:
    """Make the target's schema the session's current one (our SQL names tables unqualified)."""
    from seed.engines.spark.errors import where

    try:
        if target.databricks is not None:
            spark.sql(f"USE CATALOG `{target.databricks.catalog}`")
        spark.sql(f"USE `{target.schema}`")
    except Exception as exc:
        if "SCHEMA_NOT_FOUND" in str(exc) or "NO_SUCH_CATALOG" in str(exc):
            raise SeedError(
                f"{where(target)} has no schema {target.schema}: seed into it with "
                "`seed --engine spark` first"
            ) from None
        raise explain_spark_error(exc, target) from exc

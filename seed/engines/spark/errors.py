"""One line for each way starting or using Spark fails, saying what to fix."""

import re

from seed.engines.spark.target import SparkTarget
from seed.errors import SeedError

_VERSIONS = re.compile(r"(\d\.\d+)\D+?(\d\.\d+)")


def where(target: SparkTarget) -> str:
    if target.databricks is not None:
        return f"Databricks ({target.databricks.host}, {target.databricks.catalog}.{target.schema})"
    if target.remote is not None:
        return f"the Spark Connect server sc://{target.remote[0]}:{target.remote[1]}"
    return f"local Spark ({target.warehouse})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    for line in text.splitlines():
        if line.strip() and not line.startswith("<"):
            return line.strip()
    return type(exc).__name__


def explain_spark_error(exc: BaseException, target: SparkTarget) -> SeedError:
    text = str(exc)
    lowered = text.lower()
    if "python_version_mismatch" in lowered or "python versions in the spark connect" in lowered:
        return _python_mismatch(text)
    if "java_gateway_exited" in lowered or "java gateway process exited" in lowered:
        return SeedError(
            "local Spark could not start its JVM: check that Java 17 or later is installed "
            "(java -version) and JAVA_HOME points at it"
        )
    if target.remote is not None and ("unavailable" in lowered or "failed to connect" in lowered):
        host, port = target.remote
        return SeedError(
            f"cannot reach the Spark Connect server at sc://{host}:{port}: is it running and "
            "reachable? (start one with start-connect-server.sh, or drop --spark-remote to run "
            "Spark locally)"
        )
    if "another instance of derby" in lowered or "failed to start database" in lowered:
        return SeedError(
            f"the Spark warehouse {target.warehouse} is in use by another Spark process (its "
            "catalog takes one at a time): wait for it to finish, or use another --spark-warehouse"
        )
    return SeedError(f"Spark failed on {where(target)}: {_first_line(exc)}")


def _python_mismatch(text: str) -> SeedError:
    """The executors' Python must have the same minor version as this one."""
    import sys

    mine = f"{sys.version_info.major}.{sys.version_info.minor}"
    found = [v for v in _VERSIONS.findall(text)[:1] for v in v if v != mine]
    theirs = found[0] if found else "another version"
    return SeedError(
        f"the cluster runs Python {theirs} but this is Python {mine}; Spark runs our generator "
        f"on the cluster, so run seed from a Python {theirs} environment (Databricks Connect "
        "needs the cluster's Python minor version)"
    )

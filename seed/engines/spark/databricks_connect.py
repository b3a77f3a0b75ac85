"""A Databricks Connect session: the same Spark engine, run on a Databricks cluster or on
serverless compute, writing Delta tables in Unity Catalog.

The generator runs on the cluster's Python, so this package must be installed there too (a
cluster library or a job's wheel dependency), and the cluster's Python minor version must be
this one's (Databricks Connect refuses user code otherwise).
"""

from typing import Any

from seed.engines.spark.target import DatabricksCompute
from seed.errors import UsageError


def databricks_session(compute: DatabricksCompute) -> Any:
    if compute.in_runtime:  # a job or notebook on the cluster: its own session
        from pyspark.sql import SparkSession

        return SparkSession.builder.getOrCreate()
    try:
        from databricks.connect import DatabricksSession
    except ModuleNotFoundError:
        raise UsageError(
            "--target databricks --engine spark needs Databricks Connect: pip install "
            "'holdbusters-seeder[databricks-connect]' (in an environment without pyspark)"
        ) from None
    builder = DatabricksSession.builder.host(f"https://{compute.host}").token(compute.token)
    if compute.cluster_id:
        builder = builder.clusterId(compute.cluster_id)
    else:
        builder = builder.serverless(True)
    return builder.getOrCreate()

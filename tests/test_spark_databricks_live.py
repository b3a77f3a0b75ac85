"""Databricks Connect against a real workspace, only when its variables are set and
databricks-connect is installed (the schema must be migrated: alembic -x target=databricks
upgrade head; the cluster needs this package installed). Seeds a small run, checks it against
the local engine's rows, verifies it through Spark SQL and purges it."""

import importlib.util
import os
import re

import pytest

from seed.engines.spark.target import spark_target
from tests.support import url_arg

NEEDED = (
    "DATABRICKS_SERVER_HOSTNAME",
    "DATABRICKS_TOKEN",
    "DATABRICKS_CATALOG",
    "DATABRICKS_SCHEMA",
)
missing = [name for name in NEEDED if not os.environ.get(name)]
if not os.environ.get("DATABRICKS_CLUSTER_ID") and not os.environ.get(
    "DATABRICKS_SERVERLESS_COMPUTE_ID"
):
    missing.append("DATABRICKS_CLUSTER_ID (or DATABRICKS_SERVERLESS_COMPUTE_ID=auto)")
if importlib.util.find_spec("databricks.connect") is None:
    missing.append("databricks-connect (pip install 'holdbusters-seeder[databricks-connect]')")

pytestmark = [
    pytest.mark.databricks_live,
    pytest.mark.timeout(900),
    pytest.mark.skipif(bool(missing), reason=f"no Databricks Connect: need {', '.join(missing)}"),
]


def test_seed_on_databricks_connect_verify_and_purge(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "--target", "databricks", "--engine", "spark", "--per-status", "20",
        "--project-number", "LIVE-SPARK",
    )  # fmt: skip
    assert result.code == 0, result.err
    seeded = re.search(r"Seeded run (\w+) ", result.out)
    assert seeded is not None
    url = url_arg(spark_target(databricks=True).url())
    verified = run_cli("verify", "--database-url", url)
    assert verified.code == 0, verified.out
    purged = run_cli("purge", seeded.group(1), "--yes", "--database-url", url)
    assert purged.code == 0, purged.err

"""Where a Spark run goes, as one value and as a URL (the one spelling of a Spark destination).

    spark:///holdbusters?master=local[2]&warehouse=/data/wh   local Spark, tables in a warehouse
    spark://HOST:15002/holdbusters                            a Spark Connect server (sc://HOST:15002)
    spark+databricks://token:TOKEN@HOST/main.holdbusters?cluster_id=ID   Databricks Connect

The URL is what ``seed --engine spark`` prints and what ``seed verify``, ``report``, ``runs`` and
``purge`` take as ``--database-url``: every job on Spark tables goes through this one spelling.
"""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from seed.errors import UsageError

DEFAULT_SCHEMA = "holdbusters"
DEFAULT_MASTER = "local[*]"
DEFAULT_WAREHOUSE = "spark-warehouse"
SPARK = "spark"
DATABRICKS_CONNECT = "spark+databricks"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_MASTER = re.compile(r"local(\[(\*|[1-9][0-9]*)\])?|(spark|yarn|k8s)://?.*")
_REMOTE = re.compile(r"sc://(?P<host>[^:/]+)(:(?P<port>[0-9]{1,5}))?/?")


#: Set on Databricks clusters: there, the job's own Spark session is used, not Databricks Connect.
RUNTIME_VARIABLE = "DATABRICKS_RUNTIME_VERSION"


@dataclass(frozen=True)
class DatabricksCompute:
    host: str
    token: str
    catalog: str
    #: None: serverless compute.
    cluster_id: str | None
    #: Running on the cluster itself (a job's wheel task or a notebook).
    in_runtime: bool = False


@dataclass(frozen=True)
class SparkTarget:
    schema: str = DEFAULT_SCHEMA
    #: Local (or cluster) Spark: its master and warehouse folder.
    master: str | None = None
    warehouse: Path | None = None
    #: Spark Connect: host and port.
    remote: tuple[str, int] | None = None
    databricks: DatabricksCompute | None = None
    #: Spark partitions (tasks) the invoices are generated in; None: from the run's size.
    partitions: int | None = None

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.schema):
            raise UsageError(
                f"--spark-schema {self.schema!r} is not a schema name: letters, digits and _"
            )
        if self.partitions is not None and self.partitions < 1:
            raise UsageError(f"--spark-partitions must be 1 or more, not {self.partitions}")

    @property
    def is_local(self) -> bool:
        """Spark runs in this process's JVM, so it needs Java here and writes Parquet."""
        return self.remote is None and self.databricks is None

    def url(self) -> URL:
        query: dict[str, str] = {}
        if self.partitions is not None:
            query["partitions"] = str(self.partitions)
        if self.databricks is not None:
            compute = self.databricks
            if compute.in_runtime:
                query["runtime"] = "true"
            elif compute.cluster_id:
                query["cluster_id"] = compute.cluster_id
            else:
                query["serverless"] = "true"
            return URL.create(
                DATABRICKS_CONNECT,
                username="token" if compute.token else None,
                password=compute.token or None,
                host=compute.host or None,
                database=f"{compute.catalog}.{self.schema}",
                query=query,
            )
        if self.remote is not None:
            return URL.create(
                SPARK, host=self.remote[0], port=self.remote[1], database=self.schema, query=query
            )
        query["master"] = self.master or DEFAULT_MASTER
        query["warehouse"] = str((self.warehouse or Path(DEFAULT_WAREHOUSE)).resolve())
        return URL.create(SPARK, database=self.schema, query=query)


def spark_target(
    *,
    master: str | None = None,
    warehouse: Path | None = None,
    schema: str | None = None,
    remote: str | None = None,
    partitions: int | None = None,
    databricks: bool = False,
    environ: Mapping[str, str] | None = None,
) -> SparkTarget:
    """The target the ``--spark-*`` options (and ``--target databricks``) describe."""
    if remote is not None and (master is not None or warehouse is not None):
        raise UsageError(
            "--spark-remote runs on a Spark Connect server, whose own master and warehouse "
            "are used: drop --spark-master and --spark-warehouse"
        )
    if master is not None and not _MASTER.fullmatch(master):
        raise UsageError(f"--spark-master {master!r} is not a Spark master: use local[N]")
    if databricks:
        if remote is not None or master is not None or warehouse is not None:
            raise UsageError(
                "--target databricks --engine spark runs on Databricks compute: drop "
                "--spark-remote, --spark-master and --spark-warehouse"
            )
        env = os.environ if environ is None else environ
        return SparkTarget(
            schema or _required(env, "DATABRICKS_SCHEMA"),
            databricks=databricks_compute(env),
            partitions=partitions,
        )
    return SparkTarget(
        schema or DEFAULT_SCHEMA,
        master=None if remote else (master or DEFAULT_MASTER),
        warehouse=None if remote else (warehouse or Path(DEFAULT_WAREHOUSE)).resolve(),
        remote=_parse_remote(remote) if remote else None,
        partitions=partitions,
    )


def _parse_remote(text: str) -> tuple[str, int]:
    match = _REMOTE.fullmatch(text.strip())
    if match is None:
        raise UsageError(
            f"--spark-remote {text!r} is not a Spark Connect address: use sc://HOST:PORT"
        )
    return match["host"], int(match["port"] or 15002)


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise UsageError(
            f"Databricks Connect needs {name}: export it (see README, Beyond one machine)"
        )
    return value


def databricks_compute(env: Mapping[str, str]) -> DatabricksCompute:
    """``DATABRICKS_*`` as for the SQL path, plus ``DATABRICKS_CLUSTER_ID`` (or serverless:
    ``DATABRICKS_SERVERLESS_COMPUTE_ID=auto``); on a cluster, only the catalog."""
    if env.get(RUNTIME_VARIABLE):
        return DatabricksCompute("", "", _required(env, "DATABRICKS_CATALOG"), None, True)
    host = _required(env, "DATABRICKS_SERVER_HOSTNAME").removeprefix("https://").rstrip("/")
    token = _required(env, "DATABRICKS_TOKEN")
    catalog = _required(env, "DATABRICKS_CATALOG")
    cluster = env.get("DATABRICKS_CLUSTER_ID", "").strip() or None
    if cluster is None and env.get("DATABRICKS_SERVERLESS_COMPUTE_ID", "").strip() != "auto":
        raise UsageError(
            "Databricks Connect needs a cluster: export DATABRICKS_CLUSTER_ID, or "
            "DATABRICKS_SERVERLESS_COMPUTE_ID=auto for serverless compute"
        )
    return DatabricksCompute(host, token, catalog, cluster)


def target_from_url(url: URL) -> SparkTarget:
    """The target a ``spark://`` or ``spark+databricks://`` URL names."""
    query = url.query
    partitions = int(str(query["partitions"])) if "partitions" in query else None
    if url.drivername == DATABRICKS_CONNECT:
        catalog, _, schema = (url.database or "").partition(".")
        if not catalog or not schema:
            raise UsageError("a spark+databricks:// URL names its schema as /CATALOG.SCHEMA")
        cluster = query.get("cluster_id")
        compute = DatabricksCompute(
            str(url.host or ""),
            str(url.password or ""),
            catalog,
            str(cluster) if cluster else None,
            query.get("runtime") == "true",
        )
        return SparkTarget(schema, databricks=compute, partitions=partitions)
    if url.drivername != SPARK:
        raise UsageError(
            f"{url.drivername}:// is not a Spark URL: use spark:// or spark+databricks://"
        )
    schema = url.database or DEFAULT_SCHEMA
    if url.host:
        return SparkTarget(schema, remote=(url.host, url.port or 15002), partitions=partitions)
    warehouse = query.get("warehouse")
    return SparkTarget(
        schema,
        master=str(query.get("master") or DEFAULT_MASTER),
        warehouse=Path(str(warehouse)) if warehouse else Path(DEFAULT_WAREHOUSE).resolve(),
        partitions=partitions,
    )

"""The Spark engine's options, URLs and error lines (no Spark started: fast)."""

import sys
from pathlib import Path

import pytest
from sqlalchemy import make_url

from seed.cli.spark_options import spark_url
from seed.engines.spark.errors import explain_spark_error
from seed.engines.spark.session import require_java, require_spark_extra
from seed.engines.spark.target import SparkTarget, spark_target, target_from_url
from seed.errors import SeedError, UsageError
from seed.settings import mask_url

DATABRICKS_ENV = {
    "DATABRICKS_SERVER_HOSTNAME": "https://adb-1.azuredatabricks.net/",
    "DATABRICKS_TOKEN": "dapiSECRET123456",
    "DATABRICKS_CATALOG": "main",
    "DATABRICKS_SCHEMA": "holdbusters",
    "DATABRICKS_CLUSTER_ID": "0101-abc",
}


def test_local_target_round_trips_through_its_url(tmp_path: Path) -> None:
    target = spark_target(master="local[2]", warehouse=tmp_path, schema="hb", partitions=4)
    url = target.url()
    assert url.drivername == "spark" and url.database == "hb"
    assert url.query["master"] == "local[2]" and url.query["warehouse"] == str(tmp_path)
    assert target_from_url(url) == target


def test_spark_connect_target_round_trips_through_its_url() -> None:
    target = spark_target(remote="sc://spark.internal:15010")
    assert target.url().render_as_string() == "spark://spark.internal:15010/holdbusters"
    assert target_from_url(target.url()) == target
    assert spark_target(remote="sc://h").remote == ("h", 15002)


def test_databricks_connect_target_keeps_the_token_out_of_output() -> None:
    target = spark_target(databricks=True, environ=DATABRICKS_ENV)
    assert target.databricks is not None and target.databricks.cluster_id == "0101-abc"
    url = target.url()
    assert mask_url(url) == (
        "spark+databricks://token:***@adb-1.azuredatabricks.net/main.holdbusters?cluster_id=0101-abc"
    )
    assert target_from_url(url) == target
    serverless = {**DATABRICKS_ENV, "DATABRICKS_SERVERLESS_COMPUTE_ID": "auto"}
    del serverless["DATABRICKS_CLUSTER_ID"]
    assert spark_target(databricks=True, environ=serverless).url().query["serverless"] == "true"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"master": "yarn-ish"}, "--spark-master 'yarn-ish' is not a Spark master: use local"),
        ({"remote": "http://x:1"}, "is not a Spark Connect address: use sc://HOST:PORT"),
        ({"remote": "sc://x:1", "master": "local[2]"}, "drop --spark-master and --spark-warehouse"),
        ({"schema": "hold-busters"}, "--spark-schema 'hold-busters' is not a schema name"),
        ({"partitions": 0}, "--spark-partitions must be 1 or more"),
        ({"databricks": True, "environ": {}}, "Databricks Connect needs DATABRICKS_SCHEMA"),
        (
            {
                "databricks": True,
                "environ": {k: v for k, v in DATABRICKS_ENV.items() if "CLUSTER" not in k},
            },
            "export DATABRICKS_CLUSTER_ID, or DATABRICKS_SERVERLESS_COMPUTE_ID=auto",
        ),
    ],
)
def test_bad_spark_options_get_one_line(kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(UsageError, match=message.replace("[", r"\[").replace("(", r"\(")):
        spark_target(**kwargs)


def test_spark_options_need_the_spark_engine() -> None:
    with pytest.raises(
        UsageError, match="--spark-master is for the Spark engine: add --engine spark"
    ):
        spark_url("local", None, "local[2]", None, None, None)
    with pytest.raises(UsageError, match="unknown engine 'flink': choose from local, spark"):
        spark_url("flink", None, None, None, None, None)
    assert spark_url("local", None, None, None, None, None) is None


def test_seed_engine_spark_refuses_a_database_url(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--engine", "spark", "--database-url", "sqlite:///x.db")
    assert result.code == 2
    assert result.err.strip() == "error: --engine spark writes Spark tables: drop --database-url"


@pytest.mark.parametrize("module", ["pyspark", "databricks.sqlalchemy"])
@pytest.mark.parametrize(("databricks", "extra"), [(False, "spark"), (True, "databricks-connect")])
def test_no_spark_extra_is_one_line(
    monkeypatch: pytest.MonkeyPatch, module: str, databricks: bool, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(
        UsageError,
        match=rf"needs .* \(no module {module}\): pip install 'holdbusters-seeder\[{extra}\]'",
    ):
        require_spark_extra(databricks)


def test_seed_without_the_spark_dialect_exits_with_one_line(  # type: ignore[no-untyped-def]
    run_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The engine imports the dialect (databricks-sqlalchemy) first: the check comes before."""
    monkeypatch.setitem(sys.modules, "databricks.sqlalchemy", None)
    for name in [name for name in sys.modules if name.startswith("seed.engines.spark.engine")]:
        monkeypatch.delitem(sys.modules, name)
    result = run_cli("--engine", "spark", "--spark-warehouse", str(tmp_path / "wh"), "-n", "1")
    assert result.code == 2
    assert result.err.count("\n") == 1
    line = "--engine spark needs Spark SQL's dialect (no module databricks.sqlalchemy)"
    assert line in result.err
    assert not (tmp_path / "wh").exists()


def test_no_java_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SeedError, match="local Spark needs Java 17 or later, and none was found"):
        require_java()


def test_a_java_home_without_java_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Spark's launcher takes JAVA_HOME over PATH: a java on PATH does not save it."""
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    (tmp_path / "java").touch(mode=0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SeedError, match=r"JAVA_HOME is .*/jdk, which has no bin/java: point it"):
        require_java()


def test_a_warehouse_that_is_a_file_exits_with_one_line(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path
) -> None:
    (tmp_path / "wh").write_text("not a folder")
    result = run_cli("--engine", "spark", "--spark-warehouse", str(tmp_path / "wh"), "-n", "1")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert f"--spark-warehouse {tmp_path / 'wh'} is a file: give a folder" in result.err
    assert (tmp_path / "wh").read_text() == "not a folder"


@pytest.mark.parametrize(
    ("option", "line"),
    [
        (("--csv", "out"), "--csv is for local databases; Spark writes its own tables"),
        (("--parquet", "out"), "--parquet is for local databases; Spark writes its own tables"),
        (("--workers", "2"), "--workers is for local generation; on Spark its tasks generate"),
    ],
)
def test_local_only_options_on_spark_exit_with_one_line(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, option: tuple[str, str], line: str
) -> None:
    warehouse = tmp_path / "wh"
    result = run_cli("--engine", "spark", "--spark-warehouse", str(warehouse), "-n", "1", *option)
    assert result.code == 2
    assert result.err.count("\n") == 1 and line in result.err
    assert not warehouse.exists() and not (tmp_path / "out").exists()


def test_seed_without_java_exits_with_one_line(  # type: ignore[no-untyped-def]
    run_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run_cli("--engine", "spark", "--spark-warehouse", str(tmp_path / "wh"), "-n", "1")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "needs Java 17 or later" in result.err


MINE = f"{sys.version_info.major}.{sys.version_info.minor}"
OTHER = f"{sys.version_info.major}.{sys.version_info.minor + 1}"
LOCAL = SparkTarget("hb", "local[2]", Path("/wh"))
REMOTE = SparkTarget("hb", remote=("spark.internal", 15002))


@pytest.mark.parametrize(
    ("target", "error", "line"),
    [
        (
            REMOTE,
            'status = StatusCode.UNAVAILABLE\n details = "failed to connect to all addresses"',
            "cannot reach the Spark Connect server at sc://spark.internal:15002: is it running",
        ),
        (
            LOCAL,
            "[JAVA_GATEWAY_EXITED] Java gateway process exited before sending its port number.",
            "local Spark could not start its JVM: check that Java 17 or later is installed",
        ),
        (
            LOCAL,
            "Failed to start database '/wh/metastore_db': Another instance of Derby may have ...",
            "the Spark warehouse /wh is in use by another Spark process",
        ),
        (
            REMOTE,
            f"[PYTHON_VERSION_MISMATCH] Python in worker has different version: {OTHER} than "
            f"that in driver: {MINE}, PySpark cannot run with different minor versions.",
            f"the cluster runs Python {OTHER} but this is Python {MINE}; Spark runs our generator",
        ),
        (LOCAL, "[TABLE_OR_VIEW_NOT_FOUND] x\n  at ...", "Spark failed on local Spark (/wh): "),
    ],
)
def test_spark_errors_become_one_line(target: SparkTarget, error: str, line: str) -> None:
    explained = str(explain_spark_error(RuntimeError(error), target))
    assert line in explained
    assert "\n" not in explained


def test_spark_urls_reach_every_job_through_sqlalchemy() -> None:
    from sqlalchemy import create_engine

    engine = create_engine(make_url("spark:///hb?master=local[1]&warehouse=/tmp/none"))
    assert engine.dialect.name == "databricks"  # Spark SQL: the Databricks dialect's language


def test_on_a_databricks_cluster_the_runs_own_session_is_used() -> None:
    env = {
        "DATABRICKS_RUNTIME_VERSION": "16.4",
        "DATABRICKS_CATALOG": "main",
        "DATABRICKS_SCHEMA": "hb",
    }
    target = spark_target(databricks=True, environ=env)
    assert target.databricks is not None and target.databricks.in_runtime
    assert target.url().render_as_string() == "spark+databricks:///main.hb?runtime=true"
    assert target_from_url(target.url()) == target


def test_verify_on_a_missing_warehouse_is_one_line_and_makes_nothing(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere"
    url = f"spark:///holdbusters?master=local[1]&warehouse={missing}"
    result = run_cli("verify", "--database-url", url)
    assert result.code == 1
    assert result.err.strip() == (
        f"error: no Spark warehouse at {missing}: check the path, or seed into it first with "
        f"`seed --engine spark --spark-warehouse {missing}`"
    )
    assert not missing.exists()

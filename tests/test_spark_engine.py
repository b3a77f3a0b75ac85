"""The Spark engine writes exactly the rows the local engine writes, one run or nothing, on
local Spark and over Spark Connect; our other jobs work on the tables it writes."""

import os
import re
import signal
import threading
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL, Connection, select

from models import SeedRun
from seed.db.engine import make_engine
from seed.engines.spark.engine import SparkRun
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.runs.ledger import COMPLETE
from tests.spark_support import python_workers, table_rows
from tests.support import CliResult, url_arg

#: One local Spark session for the whole run (started by the first test); a busy machine makes
#: a Spark test take minutes.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

OPTIONS = SeedOptions(seed=7, as_of=date(2026, 11, 24), per_status=6)
#: A second run on the same project: it reuses the project and raises its budgets.
MORE = replace(OPTIONS, seed=8, per_status=9, statuses=("Paid", "Hold"))


def _seed_both(sqlite_url: URL, spark_url: URL) -> None:
    for run_id, options in (("RSAME1", OPTIONS), ("RSAME2", MORE)):
        seed_run(sqlite_url, options, RunSettings(run_id, workers=0))
        seed_run(spark_url, options, RunSettings(run_id))


def test_local_spark_writes_the_rows_the_local_engine_writes(
    sqlite_url: URL, spark_url: URL
) -> None:
    _seed_both(sqlite_url, spark_url)
    spark_rows = table_rows(spark_url)
    assert spark_rows == table_rows(sqlite_url)
    assert len(spark_rows["invoices"]) == 30 + 18


def test_spark_connect_writes_the_rows_the_local_engine_writes(
    sqlite_url: URL, spark_connect_url: URL
) -> None:
    _seed_both(sqlite_url, spark_connect_url)
    assert table_rows(spark_connect_url) == table_rows(sqlite_url)


def test_partitions_and_chunks_do_not_change_the_rows(spark_url: URL) -> None:
    other = spark_url.set(database=f"{spark_url.database}_p").update_query_dict({"partitions": "7"})
    seed_run(spark_url, OPTIONS, RunSettings("RPARTS", chunk_size=1000))
    seed_run(other, OPTIONS, RunSettings("RPARTS", chunk_size=2))
    assert table_rows(other) == table_rows(spark_url)


def _ledger(url: URL) -> list[tuple[str, str, str | None]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        query = select(SeedRun.run_id, SeedRun.outcome, SeedRun.message).order_by(SeedRun.run_id)
        rows = [tuple(row) for row in connection.execute(query)]
    engine.dispose()
    return rows  # type: ignore[return-value]


def test_a_run_that_fails_after_publishing_leaves_no_rows(spark_url: URL) -> None:
    seed_run(spark_url, OPTIONS, RunSettings("RKEEP"))
    before = table_rows(spark_url)

    def fail(_: Connection) -> None:
        raise RuntimeError("injected failure")

    with pytest.raises(SeedError, match=r"run RFAIL failed and wrote no rows: .*injected failure"):
        seed_run(spark_url, MORE, RunSettings("RFAIL", before_commit=fail))
    assert table_rows(spark_url) == before
    assert [(run, outcome) for run, outcome, _ in _ledger(spark_url)] == [
        ("RFAIL", "failed"),
        ("RKEEP", "complete"),
    ]


def test_a_run_whose_ledger_cannot_record_it_complete_leaves_no_rows(
    spark_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ledger's row is the last write: if it fails, the run's rows go and the budgets of the
    project it reused are put back."""
    seed_run(spark_url, OPTIONS, RunSettings("RKEEP"))
    before = table_rows(spark_url)
    record = SparkRun._record

    def failing(run: SparkRun, started_at: datetime, outcome: str, *rest: Any) -> None:
        if outcome == COMPLETE:
            raise RuntimeError("injected ledger failure")
        record(run, started_at, outcome, *rest)

    monkeypatch.setattr(SparkRun, "_record", failing)
    with pytest.raises(SeedError, match=r"run RLEDGER failed and wrote no rows: .*injected ledger"):
        seed_run(spark_url, MORE, RunSettings("RLEDGER"))
    assert table_rows(spark_url) == before
    assert [(run, outcome) for run, outcome, _ in _ledger(spark_url)] == [
        ("RKEEP", "complete"),
        ("RLEDGER", "failed"),
    ]


def test_a_run_whose_task_dies_leaves_no_rows(spark_url: URL) -> None:
    """A Python worker killed mid-task (local Spark does not retry tasks): the job fails."""
    seed_run(spark_url, OPTIONS, RunSettings("RKEEP"))
    before = table_rows(spark_url)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            seed_run(spark_url, replace(OPTIONS, per_status=20_000), RunSettings("RDIES"))
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    while thread.is_alive():
        for worker in python_workers():
            with suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)
        thread.join(0.2)
    assert failure and isinstance(failure[0], SeedError), failure
    assert str(failure[0]).startswith("run RDIES failed and wrote no rows: ")
    assert table_rows(spark_url) == before
    assert [(run, outcome) for run, outcome, _ in _ledger(spark_url)] == [
        ("RDIES", "failed"),
        ("RKEEP", "complete"),
    ]


def test_verify_report_runs_and_purge_work_on_spark_tables(spark_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed_run(spark_url, OPTIONS, RunSettings("RJOB1"))
    seed_run(spark_url, MORE, RunSettings("RJOB2"))
    url = url_arg(spark_url)
    verified: CliResult = run_cli("verify", "--database-url", url)
    assert verified.code == 0, verified.err
    assert re.search(r"\b(\d+) of \1 checks passed", verified.out), verified.out
    report: CliResult = run_cli("report", "--database-url", url)
    assert report.code == 0, report.err
    assert "Hold" in report.out
    listed: CliResult = run_cli("runs", "--database-url", url)
    assert "RJOB1" in listed.out and "RJOB2" in listed.out
    purged: CliResult = run_cli("purge", "RJOB2", "--yes", "--database-url", url)
    assert purged.code == 0, purged.err
    rows = table_rows(spark_url)
    assert {row[0].split("-")[0] for row in rows["invoices"]} == {"RJOB1"}
    assert [run for run, _, _ in _ledger(spark_url)] == ["RJOB1"]


def test_one_process_has_one_local_spark_warehouse(spark_url: URL, tmp_path: Path) -> None:
    seed_run(spark_url, OPTIONS, RunSettings("RFIRST"))
    elsewhere = spark_url.update_query_dict({"warehouse": str(tmp_path / "other")})
    with pytest.raises(SeedError, match="this process's Spark already uses the warehouse"):
        seed_run(elsewhere, OPTIONS, RunSettings("RSECOND"))

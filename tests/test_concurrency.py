"""Several `seed` processes on one database at once: all succeed, one after another, intact."""

import sqlite3
import time
import zlib
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from sqlalchemy import URL, create_engine, func, select

from models import SeedRun
from seed.domain.catalog import BUDGET_UTILISATION
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.children import spawn_seed
from tests.helpers import read_tables
from tests.support import url_arg
from tests.test_seed_core import AS_OF

PROCESSES = 3
PER_STATUS = 400


def _ledger(url: URL) -> list[SeedRun]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(SeedRun.__table__)).all())  # type: ignore[arg-type]
    finally:
        engine.dispose()


def assert_invariants(url: URL, runs: int) -> None:
    """One project, keys of the ledger's runs only, every reference resolves, lines add up,
    budgets are sized to the spend, and each run's recorded counts are its rows."""
    rows = read_tables(url)
    ledger = _ledger(url)
    assert len(ledger) == runs and {r.outcome for r in ledger} == {"complete"}
    run_ids = {r.run_id for r in ledger}
    assert len(rows["projects"]) == 1 and len(rows["budget_lines"]) == 5
    per_run: dict[str, Counter[str]] = defaultdict(Counter)
    for name, table_rows in rows.items():
        ids = [r["id"] for r in table_rows]
        assert len(ids) == len(set(ids)), name
        for key in ids:
            per_run[key.split("-")[0]][name] += 1
    assert set(per_run) == run_ids
    for entry in ledger:
        recorded = {n: entry.row_counts.get(n, 0) for n in rows}
        assert recorded == {n: per_run[entry.run_id][n] for n in rows}
    project_ids = {p["id"] for p in rows["projects"]}
    budget = {b["id"]: b for b in rows["budget_lines"]}
    invoices = {i["id"]: i for i in rows["invoices"]}
    assert {i["project_id"] for i in invoices.values()} <= project_ids
    totals: Counter[str] = Counter()
    spend: dict[str, Decimal] = defaultdict(Decimal)
    for line in rows["invoice_lines"]:
        invoice = invoices[line["invoice_id"]]
        totals[invoice["id"]] += line["line_amount"]
        if line["budget_line_id"] is not None:
            assert line["budget_line_id"] in budget
            if invoice["status"] in ("Approved", "Paid"):
                spend[line["budget_line_id"]] += line["line_amount"]
    assert all(totals[key] == i["total_amount"] for key, i in invoices.items())
    # Each category at most at its target utilisation: the runs saw each other's spend.
    most = Decimal(str(max(BUDGET_UTILISATION.values())))
    assert all(budget[key]["budget_amount"] * most >= amount for key, amount in spend.items())
    assert {r["invoice_id"] for r in rows["integration_responses"]} <= set(invoices)


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_concurrent_runs_all_succeed_with_one_project(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url: URL = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url")
    children = [
        spawn_seed("--per-status", str(PER_STATUS), "--database-url", url_arg(url), "--quiet")
        for _ in range(PROCESSES)
    ]
    results = [(child.communicate(timeout=120), child.returncode) for child in children]
    for (out, err), code in results:
        assert code == 0, err
        assert "Seeded run" in out
    assert sum("(new, id" in out for (out, _), _ in results) == 1  # one created the project
    assert_invariants(url, PROCESSES)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(SeedRun)).scalar_one() == PROCESSES
    engine.dispose()
    if backend == "sqlite":
        check = sqlite3.connect(str(url.database))
        assert check.execute("PRAGMA foreign_key_check").fetchall() == []
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        check.close()


@pytest.mark.slow
def test_a_run_waits_for_the_lock_then_succeeds(sqlite_url: URL) -> None:
    holder = sqlite3.connect(str(sqlite_url.database), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    child = spawn_seed("--per-status", "1", "--database-url", url_arg(sqlite_url), "--quiet")
    time.sleep(1.5)
    assert child.poll() is None  # still waiting for the lock
    holder.execute("ROLLBACK")
    holder.close()
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0 and "Seeded run" in out, err
    assert_invariants(sqlite_url, 1)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "command", [("--quiet",), ("purge", "EARLIER", "--yes")], ids=["seed", "purge"]
)
def test_postgresql_lock_wait_is_bounded_with_a_clear_message(
    pg_url: URL,
    run_cli,
    command: tuple[str, ...],  # type: ignore[no-untyped-def]
) -> None:
    """A run or a purge of a project waits for the job that holds it (here: a test connection)."""
    seed_run(pg_url, SeedOptions(seed=1, as_of=AS_OF, per_status=1), RunSettings("EARLIER"))
    engine = create_engine(pg_url)
    before = read_tables(pg_url)
    with engine.connect() as holder, holder.begin():
        holder.execute(select(func.pg_advisory_xact_lock(zlib.crc32(b"PROJ-001"))))
        result = run_cli(*command, "--database-url", url_arg(pg_url), "--lock-timeout", "0.5")
    engine.dispose()
    assert result.code == 1
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "is locked by another process (waited 0.5 s)" in result.err
    assert "raise --lock-timeout" in result.err
    assert read_tables(pg_url) == before

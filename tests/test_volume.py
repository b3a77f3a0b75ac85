"""Volume: chunked, parallel and fast-path runs give the same rows; progress only on a terminal."""

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL, Connection, create_engine, text

from models import TABLES
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.generate.plan import REALISTIC_MIX
from seed.run import RunSettings, seed_run
from seed.write.database import ConnectionSink, CopySink, SqliteSink, connection_sink
from tests.helpers import read_tables
from tests.support import ROOT, cli_command, on_a_terminal, terminal_env, url_arg

AS_OF = date(2026, 11, 24)
OPTIONS = SeedOptions(seed=11, as_of=AS_OF, per_status=24)
LEDGER = SeedOptions(seed=11, as_of=AS_OF, invoices=230, mix=tuple(REALISTIC_MIX.items()))

Copies = Callable[[int], list[URL]]


@pytest.fixture
def copies(db_url: URL, tmp_path: Path) -> Iterator[Copies]:
    """Fresh copies of the migrated database: file copies (SQLite) or templates (PostgreSQL)."""
    if db_url.get_backend_name() == "sqlite":
        assert db_url.database is not None
        template = db_url.database

        def copy_file(count: int) -> list[URL]:
            targets = [tmp_path / f"copy{n}.db" for n in range(count)]
            for target in targets:
                shutil.copyfile(template, target)
            return [db_url.set(database=str(target)) for target in targets]

        yield copy_file
        return
    made: list[str] = []
    admin = create_engine(db_url.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def clone(count: int) -> list[URL]:
        names = [f"{db_url.database}_c{n}" for n in range(count)]
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{db_url.database}"'))
                made.append(name)
        return [db_url.set(database=name) for name in names]

    try:
        yield clone
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.parametrize("options", [OPTIONS, LEDGER], ids=["per-status", "invoices"])
def test_chunk_size_and_workers_do_not_change_the_rows(
    copies: Copies, options: SeedOptions
) -> None:
    """Each invoice's subtree (its integration log too) is a function of seed, options and
    its index only."""
    ways: list[dict[str, Any]] = [
        {"chunk_size": 5_000, "workers": 0},
        {"chunk_size": 7, "workers": 0},
        {"chunk_size": 13, "workers": 1},
        {"chunk_size": 10, "workers": 2},
    ]
    urls = copies(len(ways))
    for url, way in zip(urls, ways, strict=True):
        seed_run(url, options, RunSettings("RUNV", **way))
    first, *others = (read_tables(url) for url in urls)
    assert len(first["invoices"]) == options.invoice_count
    for other in others:
        assert other == first


def test_the_fast_path_reads_back_like_core_inserts(
    copies: Copies, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_url, core_url = copies(2)
    used: list[ConnectionSink] = []

    def spy(connection: Connection) -> ConnectionSink:
        used.append(connection_sink(connection))
        return used[-1]

    monkeypatch.setattr("seed.targets.local.connection_sink", spy)
    fast = seed_run(fast_url, OPTIONS, RunSettings("RUNF", workers=0))
    assert (
        type(used[0]) is {"sqlite": SqliteSink, "postgresql": CopySink}[fast_url.get_backend_name()]
    )
    monkeypatch.setattr("seed.targets.local.connection_sink", ConnectionSink)
    core = seed_run(core_url, OPTIONS, RunSettings("RUNF", workers=0))
    assert dict(fast.result.rows) == dict(core.result.rows)
    assert read_tables(fast_url) == read_tables(core_url)
    if fast_url.get_backend_name() == "sqlite":
        assert _stored(fast_url) == _stored(core_url)


def _stored(url: URL) -> dict[str, list[tuple[Any, ...]]]:
    """What SQLite holds, value and storage class, below SQLAlchemy's types."""
    assert url.database is not None
    with sqlite3.connect(url.database) as conn:
        return {
            name: conn.execute(
                f"SELECT {', '.join(f'{c.name}, typeof({c.name})' for c in table.columns)} "
                f"FROM {name} ORDER BY id"
            ).fetchall()
            for name, table in TABLES.items()
        }


def test_a_failed_fast_write_is_a_database_error_and_rolls_back(sqlite_url: URL) -> None:
    seed_run(sqlite_url, OPTIONS, RunSettings("RUNE"))
    assert sqlite_url.database is not None
    with sqlite3.connect(sqlite_url.database) as conn:
        conn.execute("DELETE FROM seed_runs")  # so the run id passes the ledger check
    before = read_tables(sqlite_url)
    clashing = SeedOptions(seed=11, as_of=AS_OF, per_status=24, project_number="OTHER")
    with pytest.raises(SeedError, match=r"database error on .*UNIQUE constraint failed"):
        seed_run(sqlite_url, clashing, RunSettings("RUNE", chunk_size=10))
    assert read_tables(sqlite_url) == before


def _seed_args(url: URL, *extra: str) -> tuple[str, ...]:
    return ("--database-url", url_arg(url), "-n", "40", "--seed", "3", "--chunk-size", "10", *extra)


def test_no_progress_when_piped(sqlite_url: URL) -> None:
    done = subprocess.run(
        cli_command(*_seed_args(sqlite_url, "--workers", "1")),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=terminal_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "\x1b" not in done.stdout and "rows/s" not in done.stdout
    assert "Seeded run" in done.stdout


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_on_a_terminal_unless_quiet(sqlite_url: URL, quiet: bool) -> None:
    code, shown = on_a_terminal(
        cli_command(*_seed_args(sqlite_url, *(["--quiet"] if quiet else [])))
    )
    assert code == 0, shown
    if quiet:
        assert shown == ""
    else:
        assert "seeding" in shown and "200/200" in shown and "rows/s" in shown


@pytest.mark.slow
def test_the_benchmark_runs_as_the_readme_says() -> None:
    tiny = ("--sizes", "20", "--repeats", "1", "--peer-limit", "10", "--no-pg", "--big", "40")
    done = subprocess.run(
        [sys.executable, "bench/benchmark.py", *tiny],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for approach in ("(s) strongest floor", "(a) first floor", "(b) ORM", "(c) factory_boy"):
        assert approach in done.stdout
    for ours in ("(d) ours: seed", "(e) ours: seed --workers 0", "(d) ours at 40"):
        assert ours in done.stdout
    assert "ours/strongest" in done.stdout and "peer/ours" in done.stdout
    assert "5 foreign-key indexes" in done.stdout and "peak RSS" in done.stdout
    assert "measured at 10 invoices and scaled x2" in done.stdout

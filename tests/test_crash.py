"""Killing `seed` mid-write (SIGKILL) or interrupting it (SIGINT) leaves the database as before."""

import signal
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, text

from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.children import descendants, running, spawn_seed, wait_for
from tests.state import snapshot
from tests.support import url_arg
from tests.test_seed_core import AS_OF

#: Enough invoices that the run is still writing when the signal arrives (about 10 s).
BIG = "20000"


def _seed_first_run(url: URL) -> None:
    seed_run(url, SeedOptions(seed=1, as_of=AS_OF, per_status=3), RunSettings("EARLIER"))


def _journal(url: URL) -> Path:
    path = Path(str(url.database))
    return path.with_name(path.name + "-journal")


def _sqlite_writing(url: URL, size_before: int, moment: str) -> bool:
    """journal: the run has begun its write transaction; spilled: it has changed the file."""
    if moment == "journal":
        journal = _journal(url)
        return journal.exists() and journal.stat().st_size > 0
    return Path(str(url.database)).stat().st_size > size_before


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["journal", "spilled"])
def test_sigkill_mid_write_leaves_sqlite_byte_for_byte(
    sqlite_url: URL, run_cli, moment: str
) -> None:  # type: ignore[no-untyped-def]
    _seed_first_run(sqlite_url)
    before = snapshot(sqlite_url)
    child = spawn_seed("--per-status", BIG, "--database-url", url_arg(sqlite_url), "--quiet")
    wait_for(lambda: _sqlite_writing(sqlite_url, len(before), moment), "writing", child)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert _journal(sqlite_url).exists()  # the kill really came mid-write
    # The next command to open the file rolls the dead run back from its (hot) journal.
    listed = run_cli("runs", "--database-url", url_arg(sqlite_url))
    assert listed.code == 0 and "EARLIER" in listed.out and listed.out.count("complete") == 1
    if moment == "spilled":
        assert not _journal(sqlite_url).exists()
    assert snapshot(sqlite_url) == before


@pytest.mark.slow
def test_sigkill_leaves_no_worker_and_no_temporary_file(
    sqlite_url: URL, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    size = Path(str(sqlite_url.database)).stat().st_size
    args = ("--per-status", BIG, "--workers", "2", "--database-url", url_arg(sqlite_url), "-q")
    child = spawn_seed(*args)
    wait_for(lambda: _sqlite_writing(sqlite_url, size, "spilled"), "writing", child)
    below = descendants(child.pid)
    assert len(below) >= 2, below  # the workers (and the process they are forked from)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    wait_for(lambda: not any(running(pid) for pid in below), "the workers to end")
    assert list(scratch.iterdir()) == []


def _pg_writer_busy(admin: URL, database: str) -> bool:
    """A session of the test database holds a transaction id (it has written) mid-insert (Core
    INSERT or the fast path's COPY)."""
    engine = create_engine(admin)
    try:
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = :db "
                        "AND backend_xid IS NOT NULL "
                        "AND (query ILIKE 'INSERT INTO invoice_lines%' "
                        "OR query ILIKE 'COPY invoice_lines%')"
                    ),
                    {"db": database},
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _pg_sessions(admin: URL, database: str) -> int:
    engine = create_engine(admin)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE datname = :db"),
                    {"db": database},
                ).scalar_one()
            )
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_sigkill_mid_write_leaves_postgresql_row_for_row(pg_url: URL, pg_admin_url: URL) -> None:
    _seed_first_run(pg_url)
    before = snapshot(pg_url)
    database = str(pg_url.database)
    child = spawn_seed("--per-status", BIG, "--database-url", url_arg(pg_url), "--quiet")
    wait_for(lambda: _pg_writer_busy(pg_admin_url, database), "writing", child)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    # The server ends the dead client's session and aborts its transaction.
    wait_for(lambda: _pg_sessions(pg_admin_url, database) == 0, "the session to end")
    assert snapshot(pg_url) == before


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_sigint_mid_write_rolls_back_says_so_and_exits_130(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url: URL = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url")
    _seed_first_run(url)
    before = snapshot(url)
    child = spawn_seed("--per-status", BIG, "--database-url", url_arg(url), "--quiet")
    if backend == "sqlite":
        wait_for(lambda: _sqlite_writing(url, len(before), "spilled"), "writing", child)
    else:
        admin: URL = request.getfixturevalue("pg_admin_url")
        wait_for(lambda: _pg_writer_busy(admin, str(url.database)), "writing", child)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert err == "error: interrupted: the run was rolled back; the database is as it was\n"
    assert out == ""
    if backend == "sqlite":
        assert not _journal(url).exists()
    assert snapshot(url) == before

"""The `seed` command as a user runs it: summary, CSV files, and one clear line for bad input."""

import csv
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import URL, make_url

from models import TABLES
from seed.write.csv_files import csv_value
from tests.children import SEED
from tests.helpers import read_tables
from tests.support import migrate, url_arg


def test_summary_names_counts_statuses_reasons_and_database(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--per-status", "2", "--seed", "5", "--database-url", url_arg(sqlite_url))
    assert result.code == 0, result.err
    assert "Rows written" in result.out and "invoices" in result.out
    assert "Invoices per status" in result.out and "Not Submitted" in result.out
    assert "Hold reasons" in result.out
    assert str(sqlite_url.database) in result.out
    assert result.err == ""  # no progress bar when not on a terminal


def test_csv_files_match_the_database_rows(sqlite_url: URL, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "synthetic_data"
    result = run_cli("--per-status", "3", "--database-url", url_arg(sqlite_url), "--csv", str(out))
    assert result.code == 0, result.err
    db_rows = read_tables(sqlite_url)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for name, table in TABLES.items():
        with (out / f"{name}.csv").open(newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            assert header == [c.name for c in table.columns]
            csv_rows = sorted(reader)
        expected = sorted(
            [
                csv_value(
                    _as_json_text(row[c])
                    if c in ("request_payload", "response_payload")
                    else row[c]
                )
                for c in header
            ]
            for row in db_rows[name]
        )
        assert csv_rows == expected, name


def _as_json_text(value: object) -> str:
    from seed.domain.json_text import dump_json

    return dump_json(value)


def test_per_status_zero_seeds_only_project_and_budget(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("--per-status", "0", "--database-url", url_arg(sqlite_url)).code == 0
    rows = read_tables(sqlite_url)
    assert (len(rows["projects"]), len(rows["budget_lines"]), len(rows["invoices"])) == (1, 5, 0)


def _snapshot(url: URL) -> bytes | None:
    path = Path(str(url.database))
    return path.read_bytes() if path.exists() else None


BAD_OPTIONS = [
    (["--per-status", "-1"], 2, "--per-status must be 0 or more"),
    (["--per-status", "two"], 2, "--per-status"),
    (["--per-status", "1.5"], 2, "--per-status"),
    (["--status", "Rejected"], 2, "unknown status 'Rejected'"),
    (["--as-of", "2026-02-30"], 2, "--as-of '2026-02-30' is not a date"),
    (["--as-of", "yesterday"], 2, "is not a date"),
    (["--hold-reason", "gremlins"], 2, "unknown hold reason 'gremlins'"),
    (["--approval-limit", "lots"], 2, "--approval-limit 'lots' is not an amount"),
    (["--approval-limit", "-5"], 2, "--approval-limit must be above 0"),
    (["--run-id", "bad-id"], 2, "--run-id 'bad-id'"),
    (["--project-number", " "], 2, "--project-number must not be empty"),
    (["--chunk-size", "0"], 2, "--chunk-size"),
    (["--target", "mars"], 2, "unknown target 'mars'"),
    (["--no-such-option"], 2, "No such option"),
    (
        ["--status", "Draft", "--hold-reason", "duplicate-invoice", "--status", "Hold"],
        2,
        "needs Paid invoices",
    ),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD_OPTIONS, ids=lambda v: str(v))
def test_bad_option_is_one_line_and_writes_nothing(
    sqlite_url: URL,
    run_cli,
    args: list[str],
    code: int,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    before = _snapshot(sqlite_url)
    result = run_cli(*args, "--database-url", url_arg(sqlite_url))
    assert result.code == code
    assert result.err.count("\n") == 1 and result.err.startswith("error: "), result.err
    assert message in result.err
    assert "Traceback" not in result.err
    assert _snapshot(sqlite_url) == before


def test_missing_schema_is_refused(empty_sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--database-url", url_arg(empty_sqlite_url))
    assert result.code == 1
    assert "alembic upgrade head" in result.err
    assert not Path(str(empty_sqlite_url.database)).exists()  # not even an empty file


def test_empty_database_file_is_refused_unchanged(empty_sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = Path(str(empty_sqlite_url.database))
    sqlite3.connect(path).close()
    before = path.read_bytes()
    result = run_cli("--database-url", url_arg(empty_sqlite_url))
    assert result.code == 1 and "has no Hold Busters schema" in result.err
    assert "alembic upgrade head" in result.err
    assert path.read_bytes() == before


def test_older_revision_is_refused_with_the_fix(empty_sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    migrate(empty_sqlite_url, "0001")
    before = _snapshot(empty_sqlite_url)
    result = run_cli("--database-url", url_arg(empty_sqlite_url))
    assert result.code == 1
    assert "revision 0001" in result.err and "alembic upgrade head" in result.err
    assert _snapshot(empty_sqlite_url) == before


def test_missing_directory(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--database-url", f"sqlite:///{tmp_path}/nowhere/db.sqlite")
    assert result.code == 1 and "does not exist" in result.err
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql+nosuchdriver://u@h/db", "unknown database URL scheme"),
        ("not a url", "is not a database URL"),
        ("oracle://u@h/db", "driver for oracle is not installed"),
    ],
)
def test_bad_urls(url: str, message: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--database-url", url)
    assert result.code in (1, 2)
    assert message in result.err and result.err.count("\n") == 1


def test_unreachable_postgresql_masks_the_password(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--database-url", "postgresql+psycopg://postgres:s3cretpw@127.0.0.1:1/test")
    assert result.code == 1
    assert "cannot reach the database server" in result.err
    assert "s3cretpw" not in result.err + result.out


def test_locked_sqlite_database(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = str(sqlite_url.database)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = read_bytes = Path(path).read_bytes()
        result = run_cli("--database-url", url_arg(sqlite_url), "--lock-timeout", "0.2")
        assert result.code == 1
        assert "is locked by another process" in result.err
        assert Path(path).read_bytes() == read_bytes == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_database(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = Path(str(sqlite_url.database))
    path.chmod(stat.S_IREAD)
    result = run_cli("--database-url", url_arg(sqlite_url))
    assert result.code == 1 and "read-only" in result.err


def test_database_url_from_environment(
    sqlite_url: URL, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", url_arg(sqlite_url))
    assert run_cli("--per-status", "1").code == 0
    assert len(read_tables(sqlite_url)["invoices"]) == 5


def test_default_database_is_holdbusters_db_in_the_current_directory(
    tmp_path: Path,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.chdir(tmp_path)
    migrate("sqlite:///holdbusters.db")
    assert (tmp_path / "holdbusters.db").exists()
    assert run_cli("--per-status", "1").code == 0
    assert len(read_tables(make_url(f"sqlite:///{tmp_path}/holdbusters.db"))["invoices"]) == 5


def test_help_has_an_example(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--help")
    assert result.code == 0 and "Example: seed --per-status 2" in result.out


def test_a_spawned_worker_does_not_import_the_command_line() -> None:
    """A spawned worker re-runs the console script as ``__mp_main__`` (multiprocessing does so
    with any main script): that must not import Typer and Rich into every worker."""
    code = (
        "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__mp_main__'); "
        "print(sorted({'typer', 'rich', 'seed.cli.app'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"

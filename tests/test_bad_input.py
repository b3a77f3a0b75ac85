"""Bad input never hurts: every case is one line on stderr, the right exit code, no traceback,
and the database exactly as before (SQLite byte for byte, PostgreSQL row for row)."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import URL, Column, MetaData, String, Table, create_engine, text

from models import Base
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.state import snapshot
from tests.support import migrate, url_arg
from tests.test_seed_core import AS_OF

SEED, RUNS, PURGE, DRY_RUN = (
    (),
    ("runs",),
    ("purge", "EARLIER", "--yes"),
    ("purge", "EARLIER", "--dry-run"),
)
COMMANDS = {"seed": SEED, "runs": RUNS, "purge": PURGE, "dry-run": DRY_RUN}
TOKEN = "dapi-sekret-token-1234"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    code: int
    message: str
    #: How the database is prepared (see ``_prepare``).
    state: str = "head"
    env: dict[str, str] = field(default_factory=dict)
    #: Give the prepared database's URL with --database-url.
    with_url: bool = True
    postgres: bool = False
    sqlite: bool = True


def _per_command(
    name: str,
    state: str,
    message: str,
    commands: tuple[str, ...] = tuple(COMMANDS),
    postgres: bool = False,
    sqlite: bool = True,
) -> list[Case]:
    """The same database problem met by every command (exit code 1)."""
    return [
        Case(f"{name}-{c}", COMMANDS[c], 1, message, state, postgres=postgres, sqlite=sqlite)
        for c in commands
    ]


def _every_command(
    name: str,
    args: tuple[str, ...],
    code: int,
    message: str,
    env: dict[str, str] | None = None,
    with_url: bool = False,
) -> list[Case]:
    """The same bad option or setting given to every command."""
    return [
        Case(f"{name}-{c}", (*COMMANDS[c], *args), code, message, env=env or {}, with_url=with_url)
        for c in COMMANDS
    ]


CASES: list[Case] = [
    # The database: missing, not ours, behind, ahead, altered by hand, locked, read-only.
    *_per_command("missing-file", "missing", "no database at"),
    *_per_command("missing-folder", "missing_folder", "does not exist: create it"),
    *_per_command("empty-file", "empty", "has no Hold Busters schema: run `seed migrate`"),
    *_per_command("not-sqlite", "junk", "is not a SQLite database file"),
    *_per_command(
        "older-revision",
        "0001",
        "is at revision 0001, not 0003: run `seed migrate`",
        postgres=True,
    ),
    *_per_command(
        "unknown-revision",
        "unknown_revision",
        "which this version of the tool does not know",
        postgres=True,
    ),
    *_per_command(
        "dashboard-made-tables",
        "dashboard_tables",
        "but no migration history: they were not made by these migrations",
        postgres=True,
    ),
    *_per_command(
        "locked", "locked", "is locked by another process (waited 0.2 s)", ("seed", "runs", "purge")
    ),
    *_per_command(
        "read-only", "read_only", "is opened read-only: remove mode=ro", ("seed", "purge")
    ),
    *_per_command(
        "missing-pg-database",
        "missing",
        "does not exist; create it first",
        postgres=True,
        sqlite=False,
    ),
    Case(
        "table-lacks-a-column",
        SEED,
        1,
        "lacks column error_details: it was not made by these migrations",
        "lacks_column",
        postgres=True,
    ),
    Case(
        "table-has-a-required-column",
        SEED,
        1,
        "has required column reviewer, which the seeder does not fill",
        "extra_required",
        postgres=True,
    ),
    # Runs and purges.
    Case(
        "purge-unknown-run",
        ("purge", "NOSUCHRUN", "--yes"),
        1,
        "no run NOSUCHRUN in",
        postgres=True,
    ),
    Case(
        "dry-run-unknown-run",
        ("purge", "NOSUCHRUN", "--dry-run"),
        1,
        "no run NOSUCHRUN in",
        postgres=True,
    ),
    Case(
        "purge-bad-run-id",
        ("purge", "EARLIER-I00000001", "--yes"),
        2,
        "RUN_ID 'EARLIER-I00000001' must be 1 to 30 letters",
    ),
    Case("purge-long-run-id", ("purge", "R" * 31, "--yes"), 2, "must be 1 to 30 letters"),
    Case("purge-without-run-id", ("purge", "--yes"), 2, "Missing argument 'RUN_ID'"),
    Case("purge-no-terminal", ("purge", "EARLIER"), 2, "pass --yes to purge without asking"),
    Case("runs-limit-zero", ("runs", "--limit", "0"), 2, "--limit"),
    Case("runs-limit-word", ("runs", "--limit", "all"), 2, "--limit"),
    Case("runs-extra-argument", ("runs", "EARLIER"), 2, "unexpected extra argument"),
    Case("unknown-command", ("rnus",), 2, "No such command 'rnus'. Did you mean 'runs'?"),
    Case(
        "seed-existing-run-id",
        ("--run-id", "EARLIER"),
        1,
        "run EARLIER already exists: choose another --run-id",
        postgres=True,
    ),
    # Option values the first suite (test_cli.py) does not cover.
    Case("per-status-too-many", ("--per-status", "100000000"), 2, "more than one run can seed"),
    Case("seed-not-a-number", ("--seed", "abc"), 2, "--seed"),
    Case("as-of-empty", ("--as-of", ""), 2, "--as-of '' is not a date"),
    Case(
        "approval-limit-nan",
        ("--approval-limit", "nan"),
        2,
        "--approval-limit 'nan' is not an amount",
    ),
    Case("approval-limit-huge", ("--approval-limit", "1e9"), 2, "--approval-limit must be above 0"),
    Case("vendor-empty", ("--vendor", ""), 2, "--vendor must not be empty"),
    Case("po-blank", ("--po", "  "), 2, "--po must not be empty"),
    Case(
        "project-number-long", ("--project-number", "P" * 33), 2, "--project-number is at most 32"
    ),
    Case("company-blank", ("--company", " "), 2, "--company must not be empty"),
    Case("status-empty", ("--status", ""), 2, "unknown status ''"),
    Case("hold-reason-empty", ("--hold-reason", ""), 2, "unknown hold reason ''"),
    Case(
        "invoices-and-per-status",
        ("--invoices", "10", "--per-status", "2"),
        2,
        "choose --per-status or --invoices, not both",
    ),
    Case("mix-alone", ("--mix", "realistic"), 2, "--mix sets the shares of --invoices"),
    Case(
        "invoices-with-status", ("--invoices", "10", "-s", "Paid"), 2, "with --invoices use --mix"
    ),
    Case("invoices-negative", ("--invoices", "-1"), 2, "--invoices must be 0 or more"),
    Case("mix-unknown-status", ("--invoices", "10", "--mix", "Paid=7,Held=3"), 2, "Status=weight"),
    Case("mix-no-weight", ("--invoices", "10", "--mix", "Paid"), 2, "Status=weight pairs"),
    Case("mix-fraction", ("--invoices", "10", "--mix", "Paid=0.5"), 2, "must be a whole number"),
    Case("mix-twice", ("--invoices", "10", "--mix", "Paid=1,paid=2"), 2, "names Paid twice"),
    Case(
        "mix-duplicate-without-paid",
        ("--invoices", "10", "--mix", "Hold=1", "--hold-reason", "duplicate-invoice"),
        2,
        "(or Paid to --mix)",
    ),
    Case("mix-all-zero", ("--invoices", "10", "--mix", "Paid=0,Hold=0"), 2, "add up to between"),
    Case("run-id-long", ("--run-id", "R" * 31), 2, "--run-id"),
    Case("chunk-size-negative", ("--chunk-size", "-5"), 2, "--chunk-size"),
    Case("csv-is-a-file", ("--csv", "{file}"), 1, "cannot write CSV files into"),
    *_every_command("lock-timeout-negative", ("--lock-timeout", "-1"), 2, "--lock-timeout"),
    *_every_command("lock-timeout-word", ("--lock-timeout", "soon"), 2, "--lock-timeout"),
    # URLs, drivers and targets, for every command.
    *_every_command(
        "url-garbage",
        ("--database-url", "not a url"),
        2,
        "--database-url is not a database URL",
    ),
    *_every_command(
        "url-unknown-scheme",
        ("--database-url", "mysql+nosuchdriver://u@h/db"),
        2,
        "unknown database URL scheme",
    ),
    *_every_command(
        "url-driver-missing",
        ("--database-url", "oracle://u@h/db"),
        2,
        "the driver for oracle is not installed",
    ),
    *_every_command("target-unknown", ("--target", "mars"), 2, "unknown target 'mars'"),
    *_every_command(
        "target-and-url",
        ("--target", "databricks"),
        2,
        "give either a database URL or --target databricks",
        with_url=True,
    ),
    # Malformed environment variables.
    *_every_command(
        "env-database-url-garbage",
        (),
        2,
        "DATABASE_URL is not a database URL",
        env={"DATABASE_URL": "garbage"},
    ),
    *_every_command(
        "env-database-url-blank",
        (),
        1,
        "no database at holdbusters.db",
        env={"DATABASE_URL": "   "},
    ),
    *_every_command(
        "env-databricks-partial",
        ("--target", "databricks"),
        1,
        "Databricks target needs DATABRICKS_HTTP_PATH, DATABRICKS_CATALOG, "
        "DATABRICKS_SCHEMA: export them",
        env={"DATABRICKS_SERVER_HOSTNAME": "adb-1.azuredatabricks.net", "DATABRICKS_TOKEN": TOKEN},
    ),
    Case(
        "env-databricks-oauth-half",
        ("--target", "databricks"),
        1,
        "needs DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET)",
        env={
            "DATABRICKS_SERVER_HOSTNAME": "h",
            "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/x",
            "DATABRICKS_CATALOG": "main",
            "DATABRICKS_SCHEMA": "hb",
            "DATABRICKS_CLIENT_ID": "client",
        },
        with_url=False,
    ),
]


def _execute(url: URL, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def _replace_table(
    url: URL, name: str, drop: str | None = None, extra: Column[str] | None = None
) -> None:
    """Re-create a table as a dashboard would: the model's columns, one dropped or one added."""
    columns = [
        Column(c.name, c.type, nullable=c.nullable)
        for c in Base.metadata.tables[name].columns
        if c.name != drop
    ]
    table = Table(name, MetaData(), *columns, *([extra] if extra is not None else []))
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {name}"))
        table.create(conn)
    engine.dispose()


@contextmanager
def _prepared(state: str, url: URL, tmp_path: Path) -> Iterator[URL]:
    """The database in ``state``; yields the URL a user would give for it."""
    sqlite = url.get_backend_name() == "sqlite"
    if state in ("head", "locked", "read_only", "lacks_column", "extra_required"):
        migrate(url)
        seed_run(url, SeedOptions(seed=1, as_of=AS_OF, per_status=1), RunSettings("EARLIER"))
    if state == "missing":
        yield url if sqlite else url.set(database=f"{url.database}_missing")
    elif state == "missing_folder":
        yield url.set(database=str(tmp_path / "nowhere" / "holdbusters.db"))
    elif state == "empty":
        sqlite3.connect(str(url.database)).close()
        yield url
    elif state == "junk":
        Path(str(url.database)).write_bytes(os.urandom(4096))
        yield url
    elif state == "0001":
        migrate(url, "0001")
        yield url
    elif state == "unknown_revision":
        migrate(url)
        _execute(url, "UPDATE alembic_version SET version_num = 'f00dfeed'")
        yield url
    elif state == "dashboard_tables":
        _execute(
            url,
            "CREATE TABLE projects (id VARCHAR(64) PRIMARY KEY, title TEXT)",
            "CREATE TABLE invoices (id VARCHAR(64) PRIMARY KEY, amount NUMERIC NOT NULL)",
        )
        yield url
    elif state == "lacks_column":
        _replace_table(url, "integration_responses", drop="error_details")
        yield url
    elif state == "extra_required":
        _replace_table(
            url, "integration_responses", extra=Column("reviewer", String(40), nullable=False)
        )
        yield url
    elif state == "locked":
        holder = sqlite3.connect(str(url.database), isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            yield url
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    elif state == "read_only":
        yield url.set(database=f"file:{url.database}", query={"mode": "ro", "uri": "true"})
    else:
        assert state == "head", state
        yield url


def _check(case: Case, url: URL, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    workdir = tmp_path / "workdir"  # where the default sqlite:///holdbusters.db would be
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    with _prepared(case.state, url, tmp_path) as given:
        before = snapshot(url)
        args = [a.replace("{file}", str(afile)) for a in case.args]
        if case.with_url:
            args += ["--database-url", url_arg(given)]
        if case.state == "locked":
            args += ["--lock-timeout", "0.2"]
        result = run_cli(*args)
        after = snapshot(url)
    assert result.code == case.code, result.err
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert case.message in result.err, result.err
    assert "Traceback" not in result.err + result.out
    assert TOKEN not in result.err + result.out
    assert after == before
    assert not (workdir / "holdbusters.db").exists()
    assert afile.read_text() == "not a folder"


@pytest.mark.parametrize("case", [c for c in CASES if c.sqlite], ids=lambda c: c.name)
def test_bad_input_on_sqlite(
    case: Case, empty_sqlite_url: URL, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _check(case, empty_sqlite_url, tmp_path, run_cli, monkeypatch)


@pytest.mark.postgres
@pytest.mark.parametrize("case", [c for c in CASES if c.postgres], ids=lambda c: c.name)
def test_bad_input_on_postgresql(
    case: Case, empty_pg_url: URL, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _check(case, empty_pg_url, tmp_path, run_cli, monkeypatch)


def test_read_only_uri_still_lists_runs(empty_sqlite_url: URL, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    with _prepared("read_only", empty_sqlite_url, tmp_path) as given:
        before = snapshot(empty_sqlite_url)
        result = run_cli("runs", "--database-url", url_arg(given))
    assert result.code == 0 and "EARLIER" in result.out
    assert snapshot(empty_sqlite_url) == before


def test_an_extra_optional_column_is_fine(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    _execute(sqlite_url, "ALTER TABLE invoices ADD COLUMN reviewer_note TEXT")
    result = run_cli("--per-status", "1", "--database-url", url_arg(sqlite_url))
    assert result.code == 0, result.err

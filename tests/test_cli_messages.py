"""Small things a user notices: every option is honoured or refused in one line, help shows the
allowed values, output closed early is not an error, and no message gives advice that does
nothing."""

import shlex
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from rich.console import Console
from sqlalchemy import URL, create_engine, func, select

from models import TABLES, Base, Project
from seed.cli.summary import render_summary
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.state import snapshot
from tests.support import alembic_config, cli_command, url_arg
from tests.test_seed_core import AS_OF


def _seed(run_cli, url: URL, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--database-url", url_arg(url), "-q", *args)


def test_sql_file_that_is_a_folder(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    for given in (".", str(tmp_path)):
        result = run_cli("--sql-file", given, "--dialect", "sqlite")
        assert result.code == 2, result.err
        assert result.err.startswith(f"error: --sql-file {given} is a folder: name a file")
        assert result.err.count("\n") == 1


def test_sql_file_that_cannot_be_written(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--sql-file", "/sys/seed.sql", "--dialect", "sqlite")
    assert result.code == 1
    assert (
        result.err
        == "error: cannot write /sys/seed.sql: Permission denied; choose a writable folder\n"
    )


def test_unexpected_error_with_verbose_does_not_ask_for_verbose(
    sqlite_url: URL,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    def broken(*_args: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("seed.cli.seed_command.seed_run", broken)
    quiet = _seed(run_cli, sqlite_url)
    assert quiet.err == "error: unexpected ValueError: boom (run with --verbose for a traceback)\n"
    verbose = _seed(run_cli, sqlite_url, "-v")
    assert "Traceback" in verbose.err
    assert verbose.err.splitlines()[-1] == "error: unexpected ValueError: boom"


def test_approval_limit_zero_is_refused_truthfully(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--approval-limit", "0")
    assert result.code == 2
    assert result.err == "error: --approval-limit must be above 0 and below 100,000,000\n"


def test_output_closed_early_is_not_a_failure(sqlite_url: URL) -> None:
    """`seed -n 2 | head -1`: the run committed; the closed pipe is not an error."""
    args = shlex.join(cli_command("--database-url", url_arg(sqlite_url), "-n", "2"))
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {args} | head -1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Seeded run") and done.stderr == ""


@pytest.mark.parametrize(("statements", "said"), [(1, "(1 statement)"), (2, "(2 statements)")])
def test_statements_are_counted_in_words(sqlite_url: URL, statements: int, said: str) -> None:
    report = seed_run(sqlite_url, SeedOptions(seed=1, as_of=AS_OF, per_status=0), RunSettings("R1"))
    console = Console(record=True, width=200)
    render_summary(console, replace(report, statements=statements))
    assert said in console.export_text().splitlines()[0]


def test_help_shows_the_allowed_values(run_cli) -> None:  # type: ignore[no-untyped-def]
    shown = " ".join(run_cli("--help").out.split())
    assert "<list[str]>" not in shown
    assert "Draft, Submitted, Approved, Paid, Hold" in shown
    assert "vendor-not-found, budget-line- not-found" in shown or "budget-line-not-found" in shown
    assert "--target local|databricks" in shown
    assert "--project-name NAME Name of a new project" in shown
    assert "--company NAME Company of a new project" in shown


def test_every_named_hold_reason_appears_or_is_refused(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sqlite_url)
    both = ("--hold-reason", "po-mismatch", "--hold-reason", "duplicate-invoice")
    refused = _seed(run_cli, sqlite_url, "-s", "Hold", *both)
    assert refused.code == 2
    assert refused.err == (
        "error: the duplicate-invoice hold reason needs Paid invoices to duplicate: "
        "add --status Paid (or Paid to --mix)\n"
    )
    no_holds = _seed(run_cli, sqlite_url, "-s", "Paid", "--hold-reason", "po-mismatch")
    assert no_holds.code == 2 and "add --status Hold" in no_holds.err
    assert snapshot(sqlite_url) == before


def test_project_name_and_company_of_an_existing_project(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert (
        _seed(run_cli, sqlite_url, "--project-name", "Harbor Bridge", "--company", "Acme").code == 0
    )
    before = snapshot(sqlite_url)
    for option, value in (("--project-name", "Other name"), ("--company", "Other Co")):
        refused = _seed(run_cli, sqlite_url, option, value)
        assert refused.code == 2, refused.err
        kept = "'Harbor Bridge'" if option == "--project-name" else "'Acme'"
        assert refused.err == (
            f"error: project PROJ-001 exists with {option} {kept}: {option} only names a new "
            "project; leave it out, or choose another --project-number\n"
        )
    assert snapshot(sqlite_url) == before
    # Leaving them out, or repeating the project's own, reuses it.
    assert _seed(run_cli, sqlite_url).code == 0
    assert _seed(run_cli, sqlite_url, "--project-name", "Harbor Bridge").code == 0
    engine = create_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Project)) == 1
        assert connection.scalar(select(Project.name)) == "Harbor Bridge"
    engine.dispose()


def test_a_stamped_foreign_database_is_not_told_to_upgrade(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'foreign.db'}"
    engine = create_engine(url)
    Base.metadata.create_all(engine, tables=[TABLES["projects"], TABLES["invoices"]])
    engine.dispose()
    command.stamp(alembic_config(url), "head")
    result = run_cli("verify", "--database-url", url)
    assert result.code == 1
    assert "upgrade" not in result.err and "seed migrate" not in result.err
    assert "is recorded at revision 0003 but has no table budget_lines" in result.err

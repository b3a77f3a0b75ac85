"""`seed runs` lists the ledger; `seed purge` removes exactly one run, and nothing else."""

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, update

from models import SeedRun
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.helpers import read_tables
from tests.state import snapshot
from tests.support import url_arg
from tests.test_seed_core import AS_OF


def seed(url: URL, run_id: str, project: str = "PROJ-001", seed_value: int = 7) -> None:
    options = SeedOptions(seed=seed_value, as_of=AS_OF, per_status=2, project_number=project)
    seed_run(url, options, RunSettings(run_id))


def mark(url: URL, run_id: str, outcome: str) -> None:
    """What a writer without transactions leaves when it dies: the ledger row it wrote first."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            update(SeedRun)
            .where(SeedRun.run_id == run_id)
            .values(outcome=outcome, finished_at=None, row_counts=None)
        )
    engine.dispose()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_runs_lists_newest_first_with_options_and_counts(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed(sqlite_url, "RUNA", seed_value=11)
    seed(sqlite_url, "RUNB", project="PROJ-002", seed_value=12)
    result = run_cli("runs", "--wide", "--database-url", url_arg(sqlite_url))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Runs, newest first (times UTC)"
    header = lines[2]
    for heading in ("run id", "started", "finished", "outcome", "user", "host", "version"):
        assert heading in header
    for heading in ("project", "seed", "as of", "invoices", "lines", "responses"):
        assert heading in header
    row_b, row_a = (line for line in lines if "RUNA" in line or "RUNB" in line)
    assert "RUNB" in row_b and "PROJ-002" in row_b and " 12 " in row_b
    assert "RUNA" in row_a and "PROJ-001" in row_a and " 11 " in row_a and "2026-11-24" in row_a
    assert "complete" in row_a and "incomplete" not in result.out

    listed = json.loads(run_cli("runs", "--json", "--database-url", url_arg(sqlite_url)).out)
    assert [r["run_id"] for r in listed] == ["RUNB", "RUNA"]
    invoices = read_tables(sqlite_url)["invoices"]
    assert listed[1]["rows"]["invoices"] == sum(i["id"].startswith("RUNA-") for i in invoices)
    assert listed[1]["options"]["seed"] == 11 and listed[1]["complete"] is True
    assert listed[1]["project_id"] == "RUNA-P"

    limited = json.loads(
        run_cli("runs", "--json", "--limit", "1", "--database-url", url_arg(sqlite_url)).out
    )
    assert [r["run_id"] for r in limited] == ["RUNB"]


def test_runs_on_an_empty_ledger(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("runs", "--database-url", url_arg(sqlite_url))
    assert result.code == 0 and "No runs in" in result.out and "seed --per-status 2" in result.out


@pytest.mark.parametrize(
    ("outcome", "label"),
    [
        ("running", "incomplete (running)"),
        ("failed", "incomplete (failed)"),
        ("incomplete", "incomplete"),
    ],
)
def test_an_unfinished_run_is_shown_incomplete_and_can_be_purged(
    db_url: URL,
    run_cli,
    outcome: str,
    label: str,  # type: ignore[no-untyped-def]
) -> None:
    seed(db_url, "DONE")
    before = read_tables(db_url)
    seed(db_url, "CRASHED", project="PROJ-009")
    mark(db_url, "CRASHED", outcome)
    result = run_cli("runs", "--wide", "--database-url", url_arg(db_url))
    assert result.code == 0, result.err
    crashed = next(line for line in result.out.splitlines() if line.startswith("│ CRASHED"))
    assert label in crashed
    assert f"CRASHED is {label}; remove its rows with `seed purge CRASHED`" in result.out
    listed = {
        r["run_id"]: r
        for r in json.loads(run_cli("runs", "--json", "--database-url", url_arg(db_url)).out)
    }
    found = {
        n: sum(r["id"].startswith("CRASHED-") for r in rows)
        for n, rows in read_tables(db_url).items()
    }
    assert listed["CRASHED"]["rows"] == found and listed["CRASHED"]["complete"] is False

    purged = run_cli("purge", "CRASHED", "--yes", "--database-url", url_arg(db_url))
    assert purged.code == 0, purged.err
    assert read_tables(db_url) == before
    assert [
        r["run_id"]
        for r in json.loads(run_cli("runs", "--json", "--database-url", url_arg(db_url)).out)
    ] == ["DONE"]


def test_purge_removes_exactly_one_run(db_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed(db_url, "RUNA")
    seed(db_url, "RUNB", seed_value=8)  # reuses RUNA's project
    before = snapshot(db_url) if db_url.get_backend_name() != "sqlite" else None
    ledger_before = json.loads(run_cli("runs", "--json", "--database-url", url_arg(db_url)).out)
    rows_before = read_tables(db_url)
    seed(db_url, "RUNC", project="PROJ-002", seed_value=9)
    result = run_cli("purge", "RUNC", "--yes", "--database-url", url_arg(db_url))
    assert result.code == 0, result.err
    assert "Purged run RUNC" in result.out
    assert read_tables(db_url) == rows_before
    assert (
        json.loads(run_cli("runs", "--json", "--database-url", url_arg(db_url)).out)
        == ledger_before
    )
    if before is not None:
        assert snapshot(db_url) == before  # every table, the ledger and alembic_version included

    result = run_cli("purge", "RUNB", "--yes", "--database-url", url_arg(db_url))
    assert result.code == 0, result.err
    after = read_tables(db_url)
    for name, rows in rows_before.items():
        kept = [r for r in rows if not r["id"].startswith("RUNB-")]
        if name == "budget_lines":  # RUNB raised RUNA's budgets to cover its spend
            kept = [{**r, "budget_amount": None} for r in kept]
            assert [{**r, "budget_amount": None} for r in after[name]] == kept
        else:
            assert after[name] == kept, name


def test_purging_a_run_whose_project_others_reuse_keeps_it_until_they_are_gone(
    sqlite_url: URL,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    seed(sqlite_url, "RUNA")
    seed(sqlite_url, "RUNB", seed_value=8)
    url = url_arg(sqlite_url)
    result = run_cli("purge", "RUNA", "--yes", "--database-url", url)
    assert result.code == 0, result.err
    assert "Kept: 1 project and 5 budget lines of RUNA that other runs still use" in result.out
    rows = read_tables(sqlite_url)
    assert [p["id"] for p in rows["projects"]] == ["RUNA-P"]
    assert {i["id"][:5] for i in rows["invoices"]} == {"RUNB-"}
    assert run_cli("purge", "RUNB", "--yes", "--database-url", url).code == 0
    # RUNA has left the ledger, but its kept rows are still found by their keys.
    again = run_cli("purge", "RUNA", "--yes", "--database-url", url)
    assert again.code == 0, again.err
    assert "not in the ledger" in again.out
    assert all(not rows for rows in read_tables(sqlite_url).values())


def test_dry_run_shows_counts_and_changes_nothing(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed(sqlite_url, "RUNA")
    before = snapshot(sqlite_url)
    result = run_cli("purge", "RUNA", "--dry-run", "--database-url", url_arg(sqlite_url))
    assert result.code == 0, result.err
    counts = {n: len(rows) for n, rows in read_tables(sqlite_url).items()}
    for name, count in counts.items():
        assert any(
            line.split()[1:3] == [name, "│"] and f" {count} " in line
            for line in result.out.splitlines()
        ), name
    assert "Dry run: nothing was removed." in result.out
    assert snapshot(sqlite_url) == before


def test_purge_asks_on_a_terminal(
    sqlite_url: URL,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    seed(sqlite_url, "RUNA")
    before = snapshot(sqlite_url)
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    declined = run_cli("purge", "RUNA", "--database-url", url_arg(sqlite_url))
    assert declined.code == 1 and "Remove these" in declined.out
    assert "Nothing was removed." in declined.out
    assert snapshot(sqlite_url) == before
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    accepted = run_cli("purge", "RUNA", "--database-url", url_arg(sqlite_url))
    assert accepted.code == 0 and "Purged run RUNA" in accepted.out
    assert all(not rows for rows in read_tables(sqlite_url).values())


def test_purge_without_a_terminal_needs_yes(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed(sqlite_url, "RUNA")
    before = snapshot(sqlite_url)
    result = run_cli("purge", "RUNA", "--database-url", url_arg(sqlite_url))
    assert result.code == 2
    assert result.err == (
        "error: purge asks for confirmation on a terminal: pass --yes to purge without asking, "
        "or --dry-run to see what it would remove\n"
    )
    assert snapshot(sqlite_url) == before


def test_commands_have_help_with_an_example(run_cli) -> None:  # type: ignore[no-untyped-def]
    for command in ("runs", "purge"):
        result = run_cli(command, "--help")
        assert result.code == 0 and f"Example: seed {command}" in result.out


def test_csv_path_is_untouched_by_purge(sqlite_url: URL, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "csv"
    assert (
        run_cli(
            "--per-status",
            "1",
            "--run-id",
            "RUNA",
            "--csv",
            str(out),
            "--database-url",
            url_arg(sqlite_url),
        ).code
        == 0
    )
    files = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run_cli("purge", "RUNA", "--yes", "--database-url", url_arg(sqlite_url)).code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == files

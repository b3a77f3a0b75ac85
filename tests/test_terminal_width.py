"""`seed runs` and `seed report --invoice` fit an 80-column terminal (--wide and --json for the
rest), and a project kept by a purge stays visible in `seed runs`."""

import json
import re

import pytest
from sqlalchemy import URL

from tests.support import url_arg


def _at_width(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """As on a terminal of ``columns`` columns."""
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda _self: True))


def test_runs_at_80_columns_shows_what_repeats_a_run(
    sqlite_url: URL,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    db = ("--database-url", url_arg(sqlite_url))
    assert run_cli(*db, "-n", "2", "--seed", "2147483646", "-q").code == 0
    assert run_cli(*db, "-n", "3", "--seed", "7", "--project-number", "PROJ-0042", "-q").code == 0
    _at_width(monkeypatch, 80)
    shown = run_cli("runs", *db)
    assert shown.code == 0, shown.err
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown.out).splitlines()
    assert max(len(line) for line in lines) <= 80, shown.out
    assert "…" not in shown.out
    listed = run_cli("runs", *db, "--json")
    for run in json.loads(listed.out):
        row = next(line for line in lines if run["run_id"] in line)
        assert "complete" in row and run["options"]["project_number"] in row
        assert str(run["options"]["seed"]) in row
        assert f" {run['rows']['invoices']} " in row
    wide = run_cli("runs", *db, "--wide")
    assert "…" not in wide.out
    for heading in ("started", "finished", "user", "host", "version", "as of", "responses"):
        assert heading in wide.out


def test_a_project_kept_by_a_purge_is_listed(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = ("--database-url", url_arg(sqlite_url))
    assert run_cli(*db, "-n", "1", "--run-id", "RA", "-q").code == 0
    assert run_cli(*db, "-n", "1", "--run-id", "RB", "-q").code == 0
    assert run_cli("purge", "RA", "--yes", *db).code == 0
    assert run_cli("purge", "RB", "--yes", *db).code == 0
    shown = run_cli("runs", *db)
    assert shown.code == 0
    assert "No runs yet" not in shown.out
    text = " ".join(shown.out.split())
    assert (
        "Not in the ledger: project PROJ-001 and 5 budget line(s) of run RA, kept when it was "
        "purged; `seed purge RA` removes them once no run uses them"
    ) in text
    assert run_cli("purge", "RA", "--yes", *db).code == 0
    assert "yet: seed one" in run_cli("runs", *db).out


def test_report_invoice_at_80_columns(
    sqlite_url: URL,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    db = ("--database-url", url_arg(sqlite_url))
    assert run_cli(*db, "-n", "5", "--seed", "42", "--run-id", "R20261124_demo", "-q").code == 0
    _at_width(monkeypatch, 80)
    shown = run_cli("report", *db, "--invoice", "R20261124_demo-I00000004")
    assert shown.code == 0, shown.err
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown.out)
    tables = [line for line in plain.splitlines() if line[:1] in "┏┃┡│└"]
    assert tables and max(len(line) for line in tables) <= 80
    assert "…" not in plain
    assert "R20261124_demo-I00000004" in plain and "qty x price" in plain
    wide = run_cli("report", *db, "--invoice", "R20261124_demo-I00000004", "--wide")
    assert "unit price" in wide.out and "R20261124_demo-B" in wide.out and "…" not in wide.out

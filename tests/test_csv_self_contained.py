"""Each CSV export can be loaded on its own, and several exports loaded one after another (keyed
on id, as README's MERGE does) give each row once: a run that reuses the project exports the
project and its budget lines too."""

import csv
import sqlite3
from pathlib import Path

from sqlalchemy import URL

from models import DASHBOARD_TABLES
from tests.support import url_arg


def _merge_export(database: Path, folder: Path) -> None:
    """What README's MERGE INTO ... ON target.id = source.id does, in SQLite's spelling."""
    with sqlite3.connect(database) as connection:
        for table in DASHBOARD_TABLES:
            with (folder / f"{table.name}.csv").open(newline="", encoding="utf-8") as handle:
                rows = list(csv.reader(handle))
            columns, values = rows[0], rows[1:]
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
            connection.executemany(
                f"INSERT INTO {table.name} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)}) "
                f"ON CONFLICT (id) DO UPDATE SET {updates}",
                [[v if v != "" else None for v in row] for row in values],
            )


def _count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(count)


def test_exports_of_a_reused_project_are_self_contained_and_merge_once(
    sqlite_url: URL,
    tmp_path: Path,
    run_cli,
    empty_sqlite_url: URL,  # type: ignore[no-untyped-def]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, run_id, seed in ((first, "RCSV1", "1"), (second, "RCSV2", "2")):
        done = run_cli(
            "--database-url", url_arg(sqlite_url), "-n", "20", "--seed", seed,
            "--as-of", "2026-11-24", "--run-id", run_id, "--csv", str(folder), "-q",
        )  # fmt: skip
        assert done.code == 0, done.err
    # The second run reused PROJ-001, and still exports it and its budget lines.
    for name, rows in (("projects", 1), ("budget_lines", 5)):
        with (second / f"{name}.csv").open(encoding="utf-8") as handle:
            assert len(handle.read().splitlines()) == rows + 1

    alone = tmp_path / "alone.db"
    assert run_cli("migrate", "--database-url", f"sqlite:///{alone}").code == 0
    _merge_export(alone, second)
    verified = run_cli("verify", "--database-url", f"sqlite:///{alone}")
    assert verified.code == 0, verified.out

    both = tmp_path / "both.db"
    assert run_cli("migrate", "--database-url", f"sqlite:///{both}").code == 0
    _merge_export(both, first)
    _merge_export(both, second)
    assert _count(both, "projects") == 1 and _count(both, "budget_lines") == 5
    assert _count(both, "invoices") == 200
    verified = run_cli("verify", "--database-url", f"sqlite:///{both}")
    assert verified.code == 0, verified.out

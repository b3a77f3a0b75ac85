"""The CSV export of fixed runs is byte-identical to the one recorded before `seed/` was rebuilt
by job (issue 9): restructuring must not change a single generated value."""

import hashlib
from pathlib import Path

from sqlalchemy import URL

from models import TABLES
from tests.support import url_arg

#: sha256 of the five CSV files (table order) of each run, recorded on main at b8c149e. Issue 13
#: made exports self-contained: the reused-project run now also exports the project and its
#: budget lines (with those two files cut back to their header, it still hashes to db5f9aa0...).
DIGESTS = {
    "all-statuses": "39d6ae0d2e29cd3b1608551f67d5c2c9ff60dd819187d306af70093ee91637ea",
    "paid-and-hold-reused-project": (
        "e28e9d2c1992265c15ec62468fc2e35e91fc731397268bac97c7868e302dd984"
    ),
}
RUNS = {
    "all-statuses": ("--per-status", "20", "--run-id", "RDIGESTA"),
    "paid-and-hold-reused-project": (
        "--per-status", "60", "-s", "Paid", "-s", "Hold", "--run-id", "RDIGESTB",
        "--vendor", "Cascade Concrete Partners", "--approval-limit", "25000",
    ),
}  # fmt: skip


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in TABLES:
        digest.update(name.encode() + b"\0" + (folder / f"{name}.csv").read_bytes())
    return digest.hexdigest()


def test_csv_export_is_byte_identical_to_the_recorded_digest(
    run_cli, sqlite_url: URL, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for name, args in RUNS.items():
        folder = tmp_path / name
        result = run_cli(
            "--database-url", url_arg(sqlite_url), "--seed", "4242", "--as-of", "2026-11-24",
            "--csv", str(folder), "-q", *args,
        )  # fmt: skip
        assert result.code == 0, result.err
        found[name] = _digest(folder)
    assert found == DIGESTS

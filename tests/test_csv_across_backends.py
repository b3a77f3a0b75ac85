"""The same --seed and --run-id write byte-identical CSV files on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from sqlalchemy import URL

from models import TABLES
from tests.scenario_data import AS_OF
from tests.support import url_arg


def _seed_csv(run_cli, url: URL, folder: Path, *extra: str) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    result = run_cli(
        "--database-url", url_arg(url), "--seed", "21", "--run-id", "RUNCSV",
        "--as-of", AS_OF.isoformat(), "--per-status", "15", "--csv", str(folder), "-q", *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return {name: (folder / f"{name}.csv").read_bytes() for name in TABLES}


@pytest.mark.postgres
@pytest.mark.parametrize("extra", [(), ("--status", "Paid", "--status", "Hold")])
def test_same_seed_same_bytes_on_sqlite_and_postgresql(
    sqlite_url: URL,
    pg_url: URL,
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
    extra: tuple[str, ...],
) -> None:
    on_sqlite = _seed_csv(run_cli, sqlite_url, tmp_path / "sqlite", *extra)
    on_postgresql = _seed_csv(run_cli, pg_url, tmp_path / "postgresql", *extra)
    assert on_sqlite == on_postgresql
    assert all(content.count(b"\n") > 1 for content in on_sqlite.values())


def test_a_different_seed_gives_different_bytes(
    sqlite_url: URL,
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    first = _seed_csv(run_cli, sqlite_url, tmp_path / "a")
    result = run_cli(
        "--database-url", url_arg(sqlite_url), "--seed", "22", "--run-id", "RUNCSV2",
        "--as-of", AS_OF.isoformat(), "--per-status", "15", "--csv", str(tmp_path / "b"), "-q",
    )  # fmt: skip
    assert result.code == 0, result.err
    second = (tmp_path / "b" / "invoices.csv").read_bytes()
    assert second.replace(b"RUNCSV2", b"RUNCSV") != first["invoices"]

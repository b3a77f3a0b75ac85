"""Against a real Databricks workspace, only when the DATABRICKS_* variables are set (the
schema must be migrated: alembic -x target=databricks upgrade head). Each run seeds a small run
and removes it again."""

import os
import re

import pytest
from sqlalchemy import func, select

from models import TABLES
from seed.db.engine import make_engine
from seed.runs.rows import delete_run_rows
from seed.settings import resolve_database_url

NEEDED = (
    "DATABRICKS_SERVER_HOSTNAME",
    "DATABRICKS_HTTP_PATH",
    "DATABRICKS_CATALOG",
    "DATABRICKS_SCHEMA",
)
missing = [name for name in NEEDED if not os.environ.get(name)]
if not os.environ.get("DATABRICKS_TOKEN") and not os.environ.get("DATABRICKS_CLIENT_SECRET"):
    missing.append("DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET)")

pytestmark = [
    pytest.mark.databricks_live,
    pytest.mark.timeout(300),
    pytest.mark.skipif(bool(missing), reason=f"no Databricks workspace: set {', '.join(missing)}"),
]


def test_seed_per_status_1_and_remove_it(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "--target", "databricks", "--per-status", "1", "--project-number", "LIVE-TEST"
    )  # fmt: skip
    assert result.code == 0, result.err
    seeded = re.search(r"Seeded run (\w+) .*\((\d+) statements\)", result.out)
    assert seeded is not None and int(seeded.group(2)) <= 7
    run_id = seeded.group(1)
    engine = make_engine(resolve_database_url(target="databricks"))
    try:
        with engine.connect() as connection:
            invoices = TABLES["invoices"]
            count = select(func.count()).where(invoices.c.id.startswith(f"{run_id}-"))
            assert connection.execute(count).scalar_one() == 5
            delete_run_rows(connection, run_id)
            assert connection.execute(count).scalar_one() == 0
    finally:
        engine.dispose()


def test_a_bad_token_is_one_line_within_a_minute(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABRICKS_TOKEN", "dapiBADTOKEN000000000000")
    result = run_cli("--target", "databricks", "--per-status", "1")
    assert result.code == 1
    assert "rejected the credentials" in result.err
    assert "dapiBADTOKEN" not in result.out + result.err

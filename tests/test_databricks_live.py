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


@pytest.mark.skipif(
    not os.environ.get("DATABRICKS_VOLUME"),
    reason="no Volume to stage in: set DATABRICKS_VOLUME=/Volumes/<catalog>/<schema>/<volume>",
)
def test_load_through_the_volume_and_remove_it(run_cli) -> None:  # type: ignore[no-untyped-def]
    from databricks.sdk.errors import NotFound

    from seed.databricks.volume import open_volume_files

    result = run_cli(
        "--target", "databricks", "--per-status", "40", "--load", "volume",
        "--project-number", "LIVE-TEST",
    )  # fmt: skip
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    seeded = re.search(
        r"Seeded run (\w+) .* staged in (/Volumes/\S+) in .*\((\d+) statements\)", out
    )
    assert seeded is not None and int(seeded.group(3)) <= 8, out
    run_id, folder = seeded.group(1), seeded.group(2)
    url = resolve_database_url(target="databricks")
    files = open_volume_files(url, os.environ)
    with pytest.raises(NotFound):
        list(files.list_directory_contents(folder))  # the staged folder is gone
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            invoices = TABLES["invoices"]
            count = select(func.count()).where(invoices.c.id.startswith(f"{run_id}-"))
            assert connection.execute(count).scalar_one() == 200
            delete_run_rows(connection, run_id)
            assert connection.execute(count).scalar_one() == 0
    finally:
        engine.dispose()

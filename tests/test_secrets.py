"""Passwords and tokens never reach any output, traceback, ledger row or CSV file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, text

from tests.children import spawn_seed
from tests.support import ROOT, url_arg

PASSWORD = "Pw_Secret_7c1e90"
SECRETS = {
    "DATABRICKS_TOKEN": "dapi0123456789abcdef0123456789",
    "DATABRICKS_CLIENT_SECRET": "doseC1ientSecret4f2a",
}


def _seed(*args: str) -> tuple[int, str]:
    child = spawn_seed(*args)
    out, err = child.communicate(timeout=120)
    return child.returncode, out + err


def _everything_written(url: URL, folder: Path) -> str:
    """The ledger's rows as stored, and every file the commands left in ``folder``."""
    engine = create_engine(url)
    with engine.connect() as conn:
        ledger = "\n".join(map(str, conn.execute(text("SELECT * FROM seed_runs")).all()))
    engine.dispose()
    files = [p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()]
    return ledger + "\n".join(files)


@pytest.fixture
def secret_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DATABRICKS_SERVER_HOSTNAME", "adb-123.azuredatabricks.net")


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_no_secret_in_any_output_ledger_or_csv(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, secret_environment: None
) -> None:
    migrated: URL = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url")
    # PostgreSQL here trusts local connections, so a password in the URL is sent and ignored.
    url = migrated if backend == "sqlite" else migrated.set(password=PASSWORD)
    given = url_arg(url)
    csv_dir = tmp_path / "csv"
    outputs = []

    alembic = subprocess.run(
        [str(Path(sys.executable).with_name("alembic")), "-x", f"url={given}", "upgrade", "head"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        check=False,
    )
    assert alembic.returncode == 0, alembic.stderr
    outputs.append(alembic.stdout + alembic.stderr)
    code, seeded = _seed(
        "-n", "2", "--run-id", "SECRETS", "--csv", str(csv_dir), "-v", "--database-url", given
    )
    assert code == 0, seeded
    outputs.append(seeded)
    for args in (("runs",), ("runs", "--json"), ("purge", "SECRETS", "--dry-run")):
        code, out = _seed(*args, "--database-url", given)
        assert code == 0, out
        outputs.append(out)
    failing = [
        ("--target", "databricks", "-v"),  # DATABRICKS_* only partly set: the token is there
        ("--target", "databricks", "--database-url", given),
    ]
    if backend == "postgresql":
        failing += [
            ("-v", "--database-url", url_arg(url.set(port=1))),  # nothing listens there
            ("-v", "--database-url", url_arg(url.set(database="no_such_database"))),
            # The password echoed back in the server's error message, and in the traceback.
            ("-v", "--database-url", url_arg(url.update_query_dict({"sslmode": PASSWORD}))),
            ("runs", "-v", "--database-url", url_arg(url.set(port=1))),
            ("purge", "X", "--yes", "--database-url", url_arg(url.set(port=1))),
        ]
    for args in failing:
        code, out = _seed(*args)
        assert code in (1, 2) and "error: " in out, out
        outputs.append(out)

    everything = "\n".join(outputs) + _everything_written(migrated, tmp_path)
    assert "SECRETS-I00000001" in everything  # the search really covers the run's rows
    if backend == "postgresql":
        assert ":***@" in everything  # the URL was shown, masked
        assert "Traceback" in everything  # and --verbose tracebacks were searched too
    for secret in (PASSWORD, *SECRETS.values()):
        assert secret not in everything


def test_library_warnings_are_dropped_or_shown_masked_with_verbose(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import logging

    from seed.cli.console import register_secrets, route_library_logs

    register_secrets([PASSWORD])
    library = logging.getLogger("psycopg")
    try:
        route_library_logs(verbose=False)
        library.warning("error ignored terminating pipeline (password=%s)", PASSWORD)
        assert capsys.readouterr().err == ""
        route_library_logs(verbose=True)
        library.warning("error ignored terminating pipeline (password=%s)", PASSWORD)
        assert capsys.readouterr().err == "error ignored terminating pipeline (password=***)\n"
    finally:
        route_library_logs(verbose=False)

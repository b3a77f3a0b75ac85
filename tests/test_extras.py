"""A missing extra is one line that names it, on every path that needs it."""

import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.dialects import registry
from sqlalchemy.util import compat

from tests.support import ROOT
from tests.test_install import DATABRICKS_ENV

INSTALL_DATABRICKS = "pip install 'holdbusters-seeder[databricks]'"
INSTALL_POSTGRESQL = "pip install 'holdbusters-seeder[postgresql]'"


@pytest.fixture
def no_databricks(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the databricks extra were not installed: no entry point registers its dialect and
    its modules cannot be imported (what a runtime-only install looks like to SQLAlchemy)."""
    for name in ("databricks", "databricks.sqlalchemy", "databricks.sql"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(registry.impls, "databricks", raising=False)
    entry_points = compat.importlib_metadata_get
    monkeypatch.setattr(
        compat,
        "importlib_metadata_get",
        lambda group: [e for e in entry_points(group) if not e.name.startswith("databricks")],
    )
    for name, value in DATABRICKS_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize(
    "args",
    [
        ("--target", "databricks"),
        ("--target", "databricks", "--sql-file", "x.sql"),
        ("--dialect", "databricks", "--sql-file", "x.sql"),
        ("migrate", "--target", "databricks"),
        ("migrate", "--target", "databricks", "--sql"),
        ("verify", "--target", "databricks"),
        ("runs", "--target", "databricks"),
        ("report", "--target", "databricks"),
        ("purge", "R1", "--target", "databricks", "--yes"),
    ],
)
def test_missing_databricks_extra(  # type: ignore[no-untyped-def]
    no_databricks: None, run_cli, args: tuple[str, ...], tmp_path: Path
) -> None:
    result = run_cli(*(a.replace("x.sql", str(tmp_path / "x.sql")) for a in args))
    assert result.code != 0
    assert result.err.count("\n") == 1 and INSTALL_DATABRICKS in result.err, result.err
    assert "sekret" not in result.err


def test_missing_databricks_extra_under_the_alembic_cli(
    no_databricks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`alembic -x target=databricks upgrade head --sql` in a checkout: one line, no traceback."""
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.cmd_opts = type("Opts", (), {"x": ["target=databricks"]})()  # type: ignore[assignment]
    config.attributes["configure_logger"] = False
    with pytest.raises(SystemExit) as exited:
        command.upgrade(config, "head", sql=True)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and INSTALL_DATABRICKS in err


def test_missing_postgresql_driver(monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "psycopg", None)
    result = run_cli("--database-url", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    assert result.code != 0
    assert result.err.count("\n") == 1 and INSTALL_POSTGRESQL in result.err, result.err

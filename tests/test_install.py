"""A normal install works from any folder: the built wheel, in a fresh venv with only the runtime
dependencies, run from an empty folder. Also the one line for each missing extra there."""

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT

DATABRICKS_ENV = {
    "DATABRICKS_SERVER_HOSTNAME": "adb-1.azuredatabricks.net",
    "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/abc",
    "DATABRICKS_CATALOG": "main",
    "DATABRICKS_SCHEMA": "holdbusters",
    "DATABRICKS_TOKEN": "dapi-sekret-token",
}


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV")}
    base = {k: v for k, v in base.items() if not k.startswith("DATABRICKS_")}
    return subprocess.run(
        args, cwd=cwd, env=base | env, capture_output=True, text=True, timeout=600
    )


def _build_wheel(tmp_path: Path) -> Path:
    """Build from a copy of the tracked files (the checkout stays clean)."""
    source = tmp_path / "source"
    files = _run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], ROOT)
    for name in files.stdout.split():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, source / name)
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(dist), "."], source)
    assert built.returncode == 0, built.stderr[-2000:]
    return next(dist.glob("*.whl"))


@pytest.mark.slow
def test_the_wheel_works_from_an_empty_folder(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "seed/cli/app.py",
        "seed/generate/factories/invoice.py",
        "migrations/env.py",
        "migrations/script.py.mako",
        "migrations/versions/0001_dashboard_tables.py",
    ):
        assert shipped in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    installed = _run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]
    empty = tmp_path / "empty"
    empty.mkdir()
    seed, python = str(venv / "bin" / "seed"), str(venv / "bin" / "python")

    version = _run([seed, "--version"], empty)
    assert version.returncode == 0 and re.fullmatch(r"seed \d+\.\d+\.\d+ .*\n", version.stdout)
    for args in (
        [seed, "migrate"],
        [seed, "-n", "1", "-q"],
        [python, "-m", "seed", "-n", "1", "-q"],
        [seed, "verify"],
        [seed, "--per-status", "2", "--dialect", "postgresql", "--sql-file", "seed.sql", "-q"],
    ):
        done = _run(args, empty)
        assert done.returncode == 0, (args, done.stderr)
    assert (empty / "holdbusters.db").is_file() and (empty / "seed.sql").is_file()

    # The runtime-only install has no Databricks extra: every path says so in one line.
    for args in (
        [seed, "--target", "databricks"],
        [seed, "migrate", "--target", "databricks", "--sql"],
        [seed, "verify", "--target", "databricks"],
        [seed, "--dialect", "databricks", "--sql-file", "x.sql"],
    ):
        done = _run(args, empty, **DATABRICKS_ENV)
        assert done.returncode != 0
        assert done.stderr.count("\n") == 1, (args, done.stderr)
        assert "pip install 'holdbusters-seeder[databricks]'" in done.stderr, (args, done.stderr)

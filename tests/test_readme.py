"""The README's commands work as a user types them."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_command(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```bash\n(.+?)\n```", README)
    assert match, f"README has no command after <!-- {marker} -->"
    return match.group(1)


def test_readme_names_the_two_commands() -> None:
    run = readme_command("run-command")
    test = readme_command("test-command")
    assert "seed migrate" in run and "seed --per-status 2" in run
    assert "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci  # .ci/run executes the README's test command itself


def test_schema_and_seed_commands_in_a_fresh_directory(tmp_path: Path) -> None:
    """`seed migrate` then `seed --per-status 2` in an empty folder, with this environment's
    scripts (the migrations come with the package)."""
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for command in (["seed", "migrate"], ["seed", "--per-status", "2"]):
        done = subprocess.run(
            [str(bin_dir / command[0]), *command[1:]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    seeded = done
    assert "sqlite:///holdbusters.db" in seeded.stdout
    assert (tmp_path / "holdbusters.db").is_file()


@pytest.mark.slow
def test_run_command_verbatim_on_a_copy_of_the_repository(tmp_path: Path) -> None:
    """The first README command, exactly as written, in a clean copy (a new venv with only the
    runtime dependencies: proves nothing the tool needs hides in the dev extra)."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        source = ROOT / name
        if source.is_file():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV")}
    result = subprocess.run(
        ["bash", "-c", readme_command("run-command")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Seeded run" in result.stdout and "invoices" in result.stdout

"""Helpers the tests share: paths, migrating a database, CLI results and URL arguments.

Imported by tests and by conftest.py, which only defines fixtures.
"""

import io
import os
import pty
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from sqlalchemy import URL, make_url

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get(
    "HOLDBUSTERS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def alembic_config(url: URL | str) -> Config:
    """The repository's alembic.ini, pointed at ``url`` the way a user does it (-x url=...)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.cmd_opts = type(
        "Opts",
        (),
        {
            "x": [
                f"url={url if isinstance(url, str) else url.render_as_string(hide_password=False)}"
            ]
        },
    )()  # type: ignore[assignment]
    config.attributes["configure_logger"] = False
    return config


def migrate(url: URL | str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def migration_sql(url: URL | str) -> str:
    """What `alembic upgrade head --sql` prints for ``url``'s dialect (nothing connects)."""
    config = alembic_config(url)
    config.output_buffer = io.StringIO()
    command.upgrade(config, "head", sql=True)
    return config.output_buffer.getvalue()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def url_arg(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def pg_problem() -> str | None:
    """Why the test PostgreSQL server cannot be used, or None when it can."""
    try:
        with psycopg.connect(
            make_url(PG_ADMIN_URL).set(drivername="postgresql").render_as_string(False),
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        return str(exc).splitlines()[0]


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from seed.cli.app import main; main()", *args]


def terminal_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    return env


def on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Runs ``args`` with stderr on a pseudo-terminal; returns the exit code and what it showed."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=follower, cwd=ROOT, env=terminal_env()
    ) as process:
        os.close(follower)
        shown = bytearray()
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end closed
                break
            if not data:
                break
            shown.extend(data)
        code = process.wait(timeout=120)
    os.close(leader)
    return code, shown.decode(errors="replace")

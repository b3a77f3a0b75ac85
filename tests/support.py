"""Helpers the tests share: paths, migrating a database, CLI results and URL arguments.

Imported by tests and by conftest.py, which only defines fixtures.
"""

import io
import os
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

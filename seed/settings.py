"""The one source of database configuration, used by the CLI and by Alembic's env.py.

Precedence: an explicit URL (``--database-url`` / ``alembic -x url=``) > an explicit target
(``--target databricks`` / ``-x target=databricks``, built from ``DATABRICKS_*``) >
``DATABASE_URL`` > the local default. Databricks is never chosen implicitly.
"""

import os
import re
from collections.abc import Mapping

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from seed.databricks.environment import DATABRICKS_SECRETS, databricks_url_from_env
from seed.errors import UsageError

DEFAULT_DATABASE_URL = "sqlite:///holdbusters.db"
TARGETS = ("local", "databricks")

_SECRET_QUERY_KEYS = re.compile(r"token|secret|password|passwd|pwd|key", re.IGNORECASE)


def resolve_database_url(
    url: str | None = None,
    target: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> URL:
    env = os.environ if environ is None else environ
    chosen = (target or "local").strip().lower()
    if chosen not in TARGETS:
        raise UsageError(f"unknown target {target!r}: choose from {', '.join(TARGETS)}")
    if url:
        if chosen == "databricks":
            raise UsageError("give either a database URL or --target databricks, not both")
        return parse_url(url, "--database-url")
    if chosen == "databricks":
        return databricks_url_from_env(env)
    if env.get("DATABASE_URL", "").strip():
        return parse_url(env["DATABASE_URL"], "DATABASE_URL")
    return make_url(DEFAULT_DATABASE_URL)


def parse_url(text: str, source: str) -> URL:
    try:
        return make_url(text.strip())
    except ArgumentError:
        raise UsageError(
            f"{source} is not a database URL: expected sqlite:///PATH, "
            "postgresql+psycopg://USER@HOST/DB or databricks://token:TOKEN@HOST?http_path=..."
        ) from None


def mask_url(url: URL | str) -> str:
    """The URL as text with its password and any secret-looking query value replaced."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.query:
        parsed = parsed.set(
            query={
                key: ("***" if _SECRET_QUERY_KEYS.search(key) else value)
                for key, value in parsed.query.items()
            }
        )
    return parsed.render_as_string(hide_password=True)


def secrets_of(url: URL, environ: Mapping[str, str] | None = None) -> list[str]:
    """Every secret value that must never reach output: the URL's and the environment's."""
    env = os.environ if environ is None else environ
    found = [url.password] if url.password else []
    found += [
        str(value) for key, value in url.query.items() if _SECRET_QUERY_KEYS.search(key) and value
    ]
    found += [env[name] for name in DATABRICKS_SECRETS if env.get(name)]
    return [s for s in found if isinstance(s, str) and len(s) >= 4]

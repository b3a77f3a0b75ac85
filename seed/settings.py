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

from seed.errors import SeedError, UsageError

DEFAULT_DATABASE_URL = "sqlite:///holdbusters.db"
TARGETS = ("local", "databricks")

#: Variables a Databricks target is built from; the token may be replaced by OAuth M2M.
DATABRICKS_REQUIRED = ("DATABRICKS_SERVER_HOSTNAME", "DATABRICKS_HTTP_PATH")
DATABRICKS_SCOPE = ("DATABRICKS_CATALOG", "DATABRICKS_SCHEMA")
DATABRICKS_OAUTH = ("DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET")

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


def databricks_url_from_env(env: Mapping[str, str]) -> URL:
    missing = [name for name in (*DATABRICKS_REQUIRED, *DATABRICKS_SCOPE) if not env.get(name)]
    has_token = bool(env.get("DATABRICKS_TOKEN"))
    has_oauth = all(env.get(name) for name in DATABRICKS_OAUTH)
    if not has_token and not has_oauth:
        missing.append("DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET)")
    if missing:
        raise SeedError(
            f"Databricks target needs {', '.join(missing)}: export "
            + ("it" if len(missing) == 1 else "them")
            + " (see README, Databricks)"
        )
    host = env["DATABRICKS_SERVER_HOSTNAME"].strip().removeprefix("https://").rstrip("/")
    query = {
        "http_path": env["DATABRICKS_HTTP_PATH"].strip(),
        "catalog": env["DATABRICKS_CATALOG"].strip(),
        "schema": env["DATABRICKS_SCHEMA"].strip(),
    }
    if has_token:
        return URL.create(
            "databricks",
            username="token",
            password=env["DATABRICKS_TOKEN"].strip(),
            host=host,
            query=query,
        )
    # OAuth machine-to-machine: credentials stay in the environment, never in the URL.
    return URL.create("databricks", host=host, query={**query, "auth": "oauth-m2m"})


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
    found += [
        env[name] for name in ("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET") if env.get(name)
    ]
    return [s for s in found if isinstance(s, str) and len(s) >= 4]

"""The Databricks target built from the ``DATABRICKS_*`` variables (only when asked for)."""

from collections.abc import Mapping

from sqlalchemy.engine import URL

from seed.errors import SeedError

#: Variables a Databricks target is built from; the token may be replaced by OAuth M2M.
DATABRICKS_REQUIRED = ("DATABRICKS_SERVER_HOSTNAME", "DATABRICKS_HTTP_PATH")
DATABRICKS_SCOPE = ("DATABRICKS_CATALOG", "DATABRICKS_SCHEMA")
DATABRICKS_OAUTH = ("DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET")
#: Variables whose values are secrets.
DATABRICKS_SECRETS = ("DATABRICKS_TOKEN", "DATABRICKS_CLIENT_SECRET")


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

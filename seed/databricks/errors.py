"""One line for each way a Databricks connection or statement fails, saying what to fix."""

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from seed.errors import UPGRADE_HINT, SeedError

#: (words any of which identify the problem, what to tell the user); first match wins.
_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("failed to resolve", "name or service not known", "nodename nor servname"),
        "cannot resolve the host {host}: check the host name (DATABRICKS_SERVER_HOSTNAME)",
    ),
    (
        ("connection refused", "failed to establish a new connection", "network is unreachable"),
        "cannot reach {host}: check the host name (DATABRICKS_SERVER_HOSTNAME) and your network",
    ),
    (
        ("401", "403", "unauthorized", "forbidden", "invalid access token", "invalid_client"),
        "{host} rejected the credentials: check DATABRICKS_TOKEN (or the service principal's "
        "DATABRICKS_CLIENT_ID/DATABRICKS_CLIENT_SECRET) and its access to the SQL warehouse",
    ),
    (
        ("404", "resource_does_not_exist", "endpoint not found", "not found for http_path"),
        "no SQL warehouse at the http_path of {where}: check DATABRICKS_HTTP_PATH",
    ),
    (
        ("table_or_view_not_found", "table or view not found"),
        "{where} has no Hold Busters schema: " + UPGRADE_HINT,
    ),
    (
        ("schema_not_found", "catalog_not_found", "no_such_catalog", "database not found"),
        "the catalog or schema of {where} does not exist: check DATABRICKS_CATALOG and "
        "DATABRICKS_SCHEMA (create the schema first)",
    ),
    (
        ("permission_denied", "insufficient_permissions", "does not have"),
        "missing privileges on {where}: the user needs USE CATALOG, USE SCHEMA, SELECT and MODIFY "
        "on the schema's tables (and CREATE TABLE to migrate)",
    ),
    (
        ("503", "retry", "timed out", "timeout", "temporarily unavailable", "max retries"),
        "the SQL warehouse of {where} did not answer within about a minute: is it running? "
        "Start it in the Databricks UI and retry",
    ),
)


def explain_databricks_error(exc: BaseException, url: URL, where: str) -> SeedError:
    """``exc`` from the connector (or from urllib3 below it) as one actionable line; ``where``
    is the URL as it may be shown (masked)."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = " ".join(str(original).split()) or type(original).__name__
    lowered = f"{type(original).__name__} {text}".lower()
    for words, message in _RULES:
        if any(word in lowered for word in words):
            return SeedError(message.format(host=url.host, where=where))
    return SeedError(f"Databricks error on {where}: {text[:300]}")

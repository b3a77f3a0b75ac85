"""Connecting to Databricks: bounded retries, OAuth without a token in the URL, one-line errors
for each way it fails, and no secret in anything printed."""

import logging
from typing import Any

import pytest
from databricks.sql.auth.auth import get_python_sql_connector_auth_provider
from databricks.sql.auth.authenticators import ExternalAuthProvider
from sqlalchemy import make_url

from seed.databricks.connect import databricks_connect_args
from seed.databricks.errors import explain_databricks_error
from seed.errors import UsageError
from seed.settings import mask_url, resolve_database_url

SECRET = "oauth-secret-do-not-print-1234"
TOKEN = "dapiTOKEN-do-not-print-5678"
ENV = {
    "DATABRICKS_SERVER_HOSTNAME": "adb-1.azuredatabricks.net",
    "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/abc",
    "DATABRICKS_CATALOG": "main",
    "DATABRICKS_SCHEMA": "holdbusters",
}
OAUTH_ENV = {**ENV, "DATABRICKS_CLIENT_ID": "sp-client-id", "DATABRICKS_CLIENT_SECRET": SECRET}


def test_token_urls_get_bounded_retries_and_no_provider() -> None:
    url = resolve_database_url(target="databricks", environ={**ENV, "DATABRICKS_TOKEN": TOKEN})
    args = databricks_connect_args(url, {})
    assert args["_retry_stop_after_attempts_duration"] <= 60
    assert args["_retry_stop_after_attempts_count"] <= 5
    assert args["_socket_timeout"] <= 60
    assert "credentials_provider" not in args
    assert TOKEN not in mask_url(url)


def test_oauth_gives_the_connector_a_service_principal_provider(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = resolve_database_url(target="databricks", environ=OAUTH_ENV)
    assert url.password is None and url.query["auth"] == "oauth-m2m"
    assert SECRET not in url.render_as_string(hide_password=False)
    seen: dict[str, Any] = {}

    class FakeConfig:
        """databricks-sdk's Config, which would fetch a token over the network."""

        def __init__(self, **kwargs: Any) -> None:
            seen.update(kwargs)

        def authenticate(self) -> dict[str, str]:
            return {"Authorization": "Bearer from-the-sdk"}

    monkeypatch.setattr("databricks.sdk.core.Config", FakeConfig)
    provider = databricks_connect_args(url, OAUTH_ENV)["credentials_provider"]
    # what the connector does with connect(credentials_provider=...)
    auth = get_python_sql_connector_auth_provider(url.host, object(), credentials_provider=provider)
    assert isinstance(auth.external_provider, ExternalAuthProvider)
    headers: dict[str, str] = {}
    auth.external_provider.add_headers(headers)
    assert headers["Authorization"] == "Bearer from-the-sdk"
    assert seen["host"] == "https://adb-1.azuredatabricks.net"
    assert (seen["client_id"], seen["client_secret"]) == ("sp-client-id", SECRET)
    assert seen["auth_type"] == "oauth-m2m" and seen["retry_timeout_seconds"] <= 60


def test_oauth_without_its_variables_names_them() -> None:
    url = make_url("databricks://adb-1.azuredatabricks.net?http_path=/x&auth=oauth-m2m")
    with pytest.raises(UsageError, match="DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET"):
        databricks_connect_args(url, {})


URL = make_url(f"databricks://token:{TOKEN}@adb-1.azuredatabricks.net?http_path=/sql/x")


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        (
            "Failed to resolve 'adb-1.azuredatabricks.net' ([Errno -2] Name or service not known)",
            "cannot resolve the host adb-1.azuredatabricks.net",
        ),
        ("Failed to establish a new connection: [Errno 111] Connection refused", "cannot reach"),
        ("Error during request to server: 403 Client Error: Forbidden", "rejected the credentials"),
        ("HTTP 401: Invalid access token.", "rejected the credentials"),
        ("RESOURCE_DOES_NOT_EXIST: warehouse abc", "no SQL warehouse at the http_path"),
        ("[TABLE_OR_VIEW_NOT_FOUND] The table `seed_runs`", "no Hold Busters schema"),
        ("[SCHEMA_NOT_FOUND] The schema `main`.`hb` cannot be found", "does not exist"),
        ("[INSUFFICIENT_PERMISSIONS] User does not have MODIFY", "missing privileges"),
        (
            "Retry request would exceed Retry policy max retry duration of 50.0 seconds",
            "did not answer within about a minute",
        ),
        ("503 Server Error: Service Unavailable", "is it running?"),
    ],
)
def test_errors_are_one_actionable_line(driver_message: str, expected: str) -> None:
    error = explain_databricks_error(
        RuntimeError(f"{driver_message} token={TOKEN}"), URL, mask_url(URL)
    )
    assert expected in str(error)
    assert "\n" not in str(error)
    assert TOKEN not in str(error)


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_an_unreachable_host_fails_fast_with_the_real_connector(
    run_cli,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The real connector against a closed port: a bounded retry, one line, no token, not even
    in the connector's own debug logs."""
    monkeypatch.setattr("seed.db.engine.quiet_connector_logs", lambda: None)
    for name in ("databricks.sql", "urllib3.connectionpool"):  # as if never quietened
        monkeypatch.setattr(logging.getLogger(name), "level", logging.NOTSET)
    caplog.set_level(logging.DEBUG)
    for name, value in {**ENV, "DATABRICKS_SERVER_HOSTNAME": "127.0.0.1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DATABRICKS_TOKEN", TOKEN)
    result = run_cli("--target", "databricks", "--per-status", "1")
    assert result.code == 1
    assert result.err == (
        "error: cannot reach 127.0.0.1: check the host name (DATABRICKS_SERVER_HOSTNAME) "
        "and your network\n"
    )
    assert TOKEN not in result.out + result.err
    assert "127.0.0.1" in caplog.text
    assert TOKEN not in caplog.text

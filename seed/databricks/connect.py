"""Connection settings of the Databricks connector: bounded retries, and OAuth without a token.

The connector by default retries a failing request for up to 15 minutes (30 attempts, 900 s):
an unreachable host or a stopped warehouse then looks like a hang. We bound it to about a minute.
"""

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.engine import URL

from seed.databricks.environment import DATABRICKS_OAUTH
from seed.errors import UsageError

#: Seconds any one socket operation may take, and the whole retry sequence of one request.
SOCKET_TIMEOUT = 30.0
RETRY_DURATION = 50.0

#: The connector's own (private, documented in its Connection.__init__) knobs.
FAIL_FAST_ARGS: dict[str, Any] = {
    "_socket_timeout": SOCKET_TIMEOUT,
    "_retry_stop_after_attempts_count": 3,
    "_retry_stop_after_attempts_duration": RETRY_DURATION,
    "_retry_delay_min": 1.0,
    "_retry_delay_max": 5.0,
    "enable_telemetry": False,
    "user_agent_entry": "holdbusters-seeder",
}

OAUTH_M2M = "oauth-m2m"

HeaderFactory = Callable[[], dict[str, str]]


def quiet_connector_logs() -> None:
    """The connector and urllib3 log every retry as a warning (with stack traces in places);
    the one-line error the tool prints says what matters."""
    for name in ("databricks.sql", "urllib3.connectionpool"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def databricks_connect_args(url: URL, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``connect_args`` for a ``databricks://`` URL; OAuth M2M when its query says
    ``auth=oauth-m2m`` (the client id and secret come from the environment, never the URL)."""
    args = dict(FAIL_FAST_ARGS)
    if url.query.get("auth") == OAUTH_M2M:
        env = os.environ if environ is None else environ
        missing = [name for name in DATABRICKS_OAUTH if not env.get(name)]
        if missing:
            raise UsageError(f"auth=oauth-m2m needs {' and '.join(missing)}: export them")
        args["credentials_provider"] = service_principal(
            str(url.host), env[DATABRICKS_OAUTH[0]], env[DATABRICKS_OAUTH[1]]
        )
    return args


def service_principal(host: str, client_id: str, client_secret: str) -> Callable[[], HeaderFactory]:
    """A credentials provider (the connector's ``credentials_provider`` argument): databricks-sdk
    gets and refreshes the service principal's OAuth tokens; the connector asks it for headers."""

    def provider() -> HeaderFactory:
        config = sdk_config(
            host, client_id=client_id, client_secret=client_secret, auth_type=OAUTH_M2M
        )
        headers: HeaderFactory = config.authenticate
        return headers

    return provider


def sdk_config(host: str, **credentials: Any) -> Any:
    """databricks-sdk's ``Config`` for ``host`` with these credentials, retrying no longer than
    the connector does."""
    try:
        from databricks.sdk.core import Config
    except ModuleNotFoundError:
        raise UsageError(
            "this needs databricks-sdk: pip install 'holdbusters-seeder[databricks]'"
        ) from None
    return Config(
        host=f"https://{host}",
        retry_timeout_seconds=int(RETRY_DURATION),
        http_timeout_seconds=int(SOCKET_TIMEOUT),
        **credentials,
    )

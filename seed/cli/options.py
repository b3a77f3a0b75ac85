"""Options several commands share, defined once, and the one place a command's database URL is
resolved (``seed.settings``) and its secrets registered for masking."""

from typing import Annotated

import typer
from sqlalchemy.engine import URL

from seed.cli.console import register_secrets
from seed.settings import resolve_database_url, secrets_of

DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL; default: $DATABASE_URL, else sqlite:///holdbusters.db.",
        show_default=False,
    ),
]
TargetOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        metavar="local|databricks",
        help="local (default: --database-url / $DATABASE_URL / SQLite) or databricks "
        "(from the DATABRICKS_* variables).",
        show_default=False,
    ),
]
LockTimeoutOption = Annotated[
    float,
    typer.Option("--lock-timeout", min=0, help="Seconds to wait for a locked database."),
]

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def database_url(url: str | None, target: str | None) -> URL:
    """The command's database (option > environment > default), its secrets never printed."""
    resolved = resolve_database_url(url, target)
    register_secrets(secrets_of(resolved))
    return resolved

"""The Typer application and the options its commands share."""

from typing import Annotated

import typer

app = typer.Typer(
    name="seed",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
        help="local (default: --database-url / $DATABASE_URL / SQLite) or databricks "
        "(from the DATABRICKS_* variables).",
        show_default=False,
    ),
]
LockTimeoutOption = Annotated[
    float,
    typer.Option("--lock-timeout", min=0, help="Seconds to wait for a locked database."),
]

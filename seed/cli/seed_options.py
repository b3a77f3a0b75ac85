"""The options of `seed` itself (seeding a run), and how their text becomes values."""

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer

from seed import __version__
from seed.domain.holds import HOLD_REASONS
from seed.domain.statuses import STATUSES
from seed.errors import UsageError
from seed.generate.options import DEFAULT_COMPANY, DEFAULT_PROJECT_NAME
from seed.targets.load import VOLUME_FROM
from seed.targets.plan import AUTO_WORKERS_FROM, MAX_AUTO_WORKERS


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"seed {__version__} (holdbusters-seeder)")
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option(
        "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
    ),
]
PerStatus = Annotated[
    int | None,
    typer.Option(
        "--per-status",
        "-n",
        help="Invoices per status (0: only the project): SEED.md's shape.",
        show_default="2",
    ),
]
Invoices = Annotated[
    int | None,
    typer.Option(
        "--invoices",
        help="Invoices in all, in a production ledger's shape (see --mix).",
        show_default=False,
    ),
]
Mix = Annotated[
    str | None,
    typer.Option(
        "--mix",
        help="Status shares of --invoices: realistic, or e.g. Paid=70,Approved=10,Hold=20.",
        show_default="realistic",
    ),
]
Status = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        help=f"Seed only this status (repeatable): {', '.join(STATUSES)}.",
        show_default="all",
    ),
]
HoldReason = Annotated[
    list[str] | None,
    typer.Option(
        "--hold-reason",
        metavar="REASON",
        help="Hold invoices only of this reason (repeatable): "
        f"{', '.join(r.option_name for r in HOLD_REASONS)}.",
        show_default="all, weighted",
    ),
]
Seed = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help="Random seed; the same seed and options give the same data.",
        show_default="random",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Date the data is as of, YYYY-MM-DD.", show_default="today"),
]
Vendor = Annotated[
    str | None,
    typer.Option("--vendor", help="One vendor for every invoice.", show_default="a mix"),
]
Po = Annotated[
    str | None,
    typer.Option("--po", help="One PO number for every invoice.", show_default="per vendor"),
]
ProjectName = Annotated[
    str | None,
    typer.Option(
        "--project-name",
        metavar="NAME",
        help="Name of a new project (an existing project keeps its own).",
        show_default=DEFAULT_PROJECT_NAME,
    ),
]
ProjectNumber = Annotated[
    str,
    typer.Option(
        "--project-number",
        metavar="NUMBER",
        help="An existing project number adds to that project.",
    ),
]
Company = Annotated[
    str | None,
    typer.Option(
        "--company",
        metavar="NAME",
        help="Company of a new project (an existing project keeps its own).",
        show_default=DEFAULT_COMPANY,
    ),
]
ApprovalLimit = Annotated[
    str, typer.Option("--approval-limit", help="Amount above which an invoice needs a director.")
]
CsvDir = Annotated[
    Path | None,
    typer.Option(
        "--csv",
        help="Also write this run's rows as CSV files into this folder.",
        show_default=False,
    ),
]
ParquetDir = Annotated[
    Path | None,
    typer.Option(
        "--parquet",
        help="Also write this run's rows as Parquet files (exact types) into this folder.",
        show_default=False,
    ),
]
Load = Annotated[
    str | None,
    typer.Option(
        "--load",
        help=(
            "Databricks: volume (Parquet staged in a Volume, then one COPY INTO per table), "
            "statements (multi-row INSERTs) or auto (volume above "
            f"{VOLUME_FROM:,} invoices when a Volume is set)."
        ),
        show_default="auto",
    ),
]
Volume = Annotated[
    str | None,
    typer.Option(
        "--volume",
        help="Databricks: the Volume to stage in, /Volumes/<catalog>/<schema>/<volume>.",
        show_default="$DATABRICKS_VOLUME",
    ),
]
StageDir = Annotated[
    Path | None,
    typer.Option(
        "--stage-dir",
        help="With --sql-file and --load volume: write the Parquet files here to upload.",
        show_default=False,
    ),
]
RunId = Annotated[
    str | None,
    typer.Option(
        "--run-id",
        help="Use this run id (letters, digits, _) instead of a new one.",
        show_default="new",
    ),
]
SqlFile = Annotated[
    Path | None,
    typer.Option(
        "--sql-file",
        help="Write the run's SQL statements to this file instead of executing them.",
        show_default=False,
    ),
]
Dialect = Annotated[
    str | None,
    typer.Option(
        "--dialect",
        metavar="DIALECT",
        help="SQL dialect of --sql-file: databricks, postgresql or sqlite.",
        show_default="the database URL's",
    ),
]
ChunkSize = Annotated[
    int, typer.Option("--chunk-size", min=1, help="Invoices generated and written at a time.")
]
Workers = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=0,
        help="Processes generating invoices while the main one writes (0: none).",
        show_default=(
            f"one per core (at most {MAX_AUTO_WORKERS}) from {AUTO_WORKERS_FROM:,} invoices on "
            "2+ cores, else 0"
        ),
    ),
]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Show tracebacks of unexpected errors.")
]


def parse_as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date: use YYYY-MM-DD") from None


def parse_amount(value: str, option: str) -> Decimal:
    try:
        amount = Decimal(value.replace(",", "").lstrip("$"))
    except InvalidOperation:
        raise UsageError(f"{option} {value!r} is not an amount: use a number like 50000") from None
    if not amount.is_finite():
        raise UsageError(f"{option} {value!r} is not an amount: use a number like 50000")
    try:
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than Decimal holds: far out of range, and said so later
        return amount

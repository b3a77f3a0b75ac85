"""`seed runs`: the run ledger, newest first."""

import json
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from models import TABLES
from seed.cli.console import print_whole, stdout_console
from seed.cli.options import DatabaseUrlOption, LockTimeoutOption, TargetOption, database_url
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.runs.ledger import COMPLETE, INCOMPLETE, RunListing, list_runs
from seed.runs.unrecorded import unrecorded_projects
from seed.settings import mask_url

#: Column headings of the per-table counts, in table order.
_COUNT_HEADINGS = {
    "projects": "projects",
    "budget_lines": "budget",
    "invoices": "invoices",
    "invoice_lines": "lines",
    "integration_responses": "responses",
}
#: Wide enough for every column when the output is piped (no terminal to fit).
_PIPED_WIDTH = 240


def outcome_label(outcome: str) -> str:
    """Anything but complete is shown as incomplete: its rows may be partial."""
    if outcome in (COMPLETE, INCOMPLETE):
        return outcome
    return f"incomplete ({outcome})"


def _moment(value: datetime | None, same_day_as: datetime | None = None) -> str:
    """Date and time; only the time when it is the day of ``same_day_as``."""
    if value is None:
        return ""
    if same_day_as is not None and value.date() == same_day_as.date():
        return f"{value:%H:%M:%S}"
    return f"{value:%Y-%m-%d %H:%M:%S}"


def _as_json(listing: RunListing) -> dict[str, Any]:
    entry = listing.entry
    return {
        "run_id": entry.run_id,
        "started_at": entry.started_at.isoformat(),
        "finished_at": entry.finished_at.isoformat() if entry.finished_at else None,
        "outcome": entry.outcome,
        "complete": entry.complete,
        "user": entry.user_name,
        "host": entry.host_name,
        "tool_version": entry.tool_version,
        "project_id": entry.project_id,
        "options": entry.options,
        "rows": listing.rows,
        "message": entry.message,
    }


def _narrow_table(listings: list[RunListing]) -> Table:
    """What fits 80 columns: the full run id, how it ended, the project, the invoices and the
    seed (the run id of a new run holds its start time)."""
    table = Table(title="Runs, newest first (--wide: every column)", title_justify="left")
    table.add_column("run id", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    table.add_column("project", no_wrap=True)
    table.add_column("invoices", justify="right", no_wrap=True)
    table.add_column("seed", justify="right", no_wrap=True)
    for listing in listings:
        entry, options = listing.entry, listing.entry.options
        table.add_row(
            entry.run_id,
            COMPLETE if entry.complete else INCOMPLETE,
            str(options.get("project_number", "")),
            f"{listing.rows.get('invoices', 0):,}",
            str(options.get("seed", "")),
        )
    return table


def _wide_table(listings: list[RunListing]) -> Table:
    table = Table(title="Runs, newest first (times UTC)", title_justify="left")
    for heading in ("run id", "started", "finished", "outcome", "user", "host", "version"):
        table.add_column(heading, no_wrap=True)
    for heading in ("project", "seed", "as of"):
        table.add_column(heading, no_wrap=True)
    for heading in _COUNT_HEADINGS.values():
        table.add_column(heading, justify="right", no_wrap=True)
    for listing in listings:
        entry, options = listing.entry, listing.entry.options
        table.add_row(
            entry.run_id,
            _moment(entry.started_at),
            _moment(entry.finished_at, entry.started_at),
            outcome_label(entry.outcome),
            entry.user_name,
            entry.host_name,
            entry.tool_version,
            str(options.get("project_number", "")),
            str(options.get("seed", "")),
            str(options.get("as_of", "")),
            *(f"{listing.rows.get(name, 0):,}" for name in TABLES),
        )
    return table


def _print_table(console: Console, listings: list[RunListing], wide: bool) -> None:
    if wide:
        print_whole(console, _wide_table(listings))
    else:
        console.print(_narrow_table(listings))


def runs(
    url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many runs.")] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the runs as JSON (options included).")
    ] = False,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="Every column: start and end, user, host, version, as-of date, rows per table.",
        ),
    ] = False,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """List the runs recorded in the ledger, newest first: who seeded, when, with which options,
    how it ended and how many rows of each table it holds. An incomplete run's counts are the rows
    found now; remove them with `seed purge RUN_ID`.

    Example: seed runs --wide --limit 5
    """
    url = database_url(url_text, target)
    listings = list_runs(url, lock_timeout, limit)
    if as_json:
        typer.echo(json.dumps([_as_json(listing) for listing in listings], indent=2))
        return
    console = stdout_console(piped_width=_PIPED_WIDTH)
    unrecorded = unrecorded_projects(url, lock_timeout)
    if not listings and not unrecorded:
        console.print(f"No runs in {mask_url(url)} yet: seed one with `seed --per-status 2`.")
        return
    if not listings:
        console.print(f"No runs in the ledger of {mask_url(url)}.")
    else:
        _print_table(console, listings, wide)
    for kept in unrecorded:
        console.print(
            f"Not in the ledger: project {kept.project_number} and {kept.budget_lines} budget "
            f"line(s) of run {kept.run_id}, kept when it was purged; `seed purge {kept.run_id}` "
            "removes them once no run uses them"
        )
    for listing in listings:
        entry = listing.entry
        if not entry.complete:
            note = f": {entry.message}" if entry.message else ""
            console.print(
                f"{entry.run_id} is {outcome_label(entry.outcome)}{note}; "
                f"remove its rows with `seed purge {entry.run_id}`"
            )

"""`seed report`: the Error Analysis view in the terminal, one invoice's story, the data profile."""

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.json import JSON
from rich.table import Table
from sqlalchemy.engine import URL, Connection

from seed.cli.console import print_whole, stdout_console
from seed.cli.options import DatabaseUrlOption, LockTimeoutOption, TargetOption, database_url
from seed.cli.profile_view import render_profile, render_profile_json
from seed.db.access import open_database
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.db.schema import require_tables
from seed.errors import UsageError
from seed.keys import run_of_key, run_prefix
from seed.report.error_analysis import (
    HoldGroup,
    InvoiceStory,
    StatusRow,
    hold_groups,
    invoice_story,
    invoices_per_status,
)
from seed.report.profile import profile

REPORT_WIDTH = 120
_HEADER_FIELDS = (
    "id",
    "invoice_number",
    "status",
    "integration_status",
    "error_code",
    "error_message",
    "vendor_name",
    "vendor_id",
    "po_number",
    "project_id",
    "total_amount",
    "currency",
    "payment_terms",
    "invoice_date",
    "due_date",
    "submitted_at",
    "approved_at",
    "paid_at",
    "days_pending",
)
#: Line columns: (heading, field, right-aligned).
_LINE_COLUMNS = (
    ("#", "line_number", True),
    ("category", "cost_category", False),
    ("description", "description", False),
    ("qty", "quantity", True),
    ("unit", "unit_of_measure", False),
    ("unit price", "unit_price", True),
    ("tax", "tax_code", False),
    ("amount", "line_amount", True),
    ("budget line", "budget_line_id", False),
)


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def render_overview(console: Console, statuses: list[StatusRow], holds: list[HoldGroup]) -> None:
    table = Table(title="Invoices per status", title_justify="left")
    for name in ("status", "integration status"):
        table.add_column(name)
    table.add_column("invoices", justify="right")
    table.add_column("amount", justify="right")
    for row in statuses:
        table.add_row(row.status, row.integration_status, f"{row.invoices:,}", _amount(row.amount))
    console.print(table)
    if not holds:
        console.print("No Hold invoices.")
        return
    groups = Table(title="Hold invoices by error pattern", title_justify="left")
    groups.add_column("error code", no_wrap=True)
    groups.add_column("pattern")
    for name in ("invoices", "amount", "avg days", "max days"):
        groups.add_column(name, justify="right", no_wrap=True)
    for group in holds:
        groups.add_row(
            group.error_code,
            group.pattern,
            f"{group.invoices:,}",
            _amount(group.amount),
            f"{group.avg_days_pending:.1f}",
            str(group.max_days_pending),
        )
    console.print(groups)


def _wide_lines(story: InvoiceStory) -> Table:
    lines = Table(title="Lines", title_justify="left")
    for heading, _, right in _LINE_COLUMNS:
        lines.add_column(heading, justify="right" if right else "left", no_wrap=True)
    for line in story.lines:
        cells = [_text(line[name]) for _, name, _ in _LINE_COLUMNS]
        lines.add_row(*cells[:-1], cells[-1] or "(none)")
    return lines


def _narrow_lines(story: InvoiceStory) -> Table:
    """The lines in 80 columns: the item wraps; a budget line of the invoice's own run is
    shown by its suffix (B2), another run's by its full key."""
    own_run = run_prefix(run_of_key(story.invoice["id"]))
    lines = Table(title="Lines (--wide: one column per field)", title_justify="left")
    lines.add_column("#", justify="right", no_wrap=True)
    lines.add_column("item", overflow="fold")
    lines.add_column("qty x price", justify="right", no_wrap=True)
    lines.add_column("tax", no_wrap=True)
    lines.add_column("amount", justify="right", no_wrap=True)
    lines.add_column("budget", no_wrap=True)
    for line in story.lines:
        budget = _text(line["budget_line_id"]).removeprefix(own_run) or "(none)"
        lines.add_row(
            _text(line["line_number"]),
            f"{line['cost_category']}: {line['description']}",
            f"{line['quantity']} {line['unit_of_measure']} x {line['unit_price']}",
            _text(line["tax_code"]),
            _text(line["line_amount"]),
            budget,
        )
    return lines


def render_story(console: Console, story: InvoiceStory, wide: bool = False) -> None:
    invoice = story.invoice
    header = Table(title=f"Invoice {invoice['invoice_number']}", title_justify="left")
    header.add_column("field", no_wrap=True)
    header.add_column("value", overflow="fold")
    for name in _HEADER_FIELDS:
        header.add_row(name, _text(invoice[name]))
    console.print(header)
    if wide:
        print_whole(console, _wide_lines(story))
    else:
        console.print(_narrow_lines(story))
    if not story.responses:
        console.print("No integration response: the invoice was never sent to Infinium.")
    for response in story.responses:
        console.print(
            f"Integration response {response['id']}: {response['operation']} -> "
            f"{response['response_status']}, requested {response['requested_at']}, "
            f"answered {response['responded_at']}"
        )
        if response["error_code"]:
            console.print(f"Error {response['error_code']}: {response['error_details']}")
        console.print("Request:")
        console.print(JSON.from_data(response["request_payload"], sort_keys=True))
        console.print("Response:")
        console.print(JSON.from_data(response["response_payload"], sort_keys=True))


def _report(url: URL, lock_timeout: float, show: Callable[[Connection], None]) -> None:
    with open_database(url, lock_timeout, write=False, check_schema=require_tables) as connection:
        show(connection)


def _view(
    invoice: str | None, with_profile: bool, as_json: bool, wide: bool
) -> Callable[[Connection], None]:
    """What the report shows: the profile (as tables or JSON), one invoice, or the overview."""
    if as_json and not with_profile:
        raise UsageError("--json prints the profile: give --profile too")
    console = stdout_console(piped_width=REPORT_WIDTH)
    if with_profile:
        if invoice is not None:
            raise UsageError("--profile covers the whole database: drop --invoice")
        if as_json:
            return lambda connection: typer.echo(render_profile_json(profile(connection)))
        return lambda connection: render_profile(console, profile(connection))
    if invoice is not None:
        number = invoice.strip()
        return lambda connection: render_story(console, invoice_story(connection, number), wide)
    return lambda connection: render_overview(
        console, invoices_per_status(connection), hold_groups(connection)
    )


def report(
    invoice: Annotated[
        str | None,
        typer.Option(
            "--invoice",
            "-i",
            help="Drill down into this invoice (id or invoice number): header, lines, "
            "request and response.",
            show_default=False,
        ),
    ] = None,
    with_profile: Annotated[
        bool,
        typer.Option(
            "--profile",
            help="The data's profile: status shares, vendor concentration, calendar, days to "
            "pay, aging, Hold reasons per vendor, budget utilisation.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The profile as JSON.")] = False,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="With --invoice: one column per line field, full keys."),
    ] = False,
    url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """The Error Analysis view: invoices per status (count, amount), Hold invoices grouped by
    error pattern (count, amount, days pending), or one invoice's lines and integration
    request/response with --invoice.

    Example: seed report --invoice INV-12345678

    Example: seed report --profile --json
    """
    show = _view(invoice, with_profile, as_json, wide)
    _report(database_url(url_text, target), lock_timeout, show)

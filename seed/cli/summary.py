"""Renders a run's summary: rows per table, invoices per status, Hold reasons, time, database."""

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from models import TABLES
from seed.domain.holds import BY_CODE
from seed.domain.statuses import RULES, STATUSES
from seed.targets.plan import SeedReport

#: How the summary names the files a run wrote beside its database, by suffix.
_FILE_KINDS = {".csv": "CSV", ".parquet": "Parquet"}


def rows_table(title: str, rows: Mapping[str, int]) -> Table:
    """Rows per dashboard table, parents first."""
    table = Table(title=title, title_justify="left")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name in TABLES:
        table.add_row(name, f"{rows.get(name, 0):,}")
    return table


def render_summary(console: Console, report: SeedReport) -> None:
    result, options = report.result, report.options
    console.print(
        f"Seeded run [bold]{result.run_id}[/] into {report.database} "
        f"in {report.elapsed:.2f} s ({report.statements:,} "
        f"statement{'' if report.statements == 1 else 's'})"
    )
    project_note = "reused" if result.project_reused else "new"
    console.print(
        f"Project {options.project_number} ({project_note}, id {result.project_id}); "
        f"seed {options.seed}, as of {options.as_of.isoformat()}"
    )

    console.print(rows_table("Rows written", result.rows))

    statuses = Table(title="Invoices per status", title_justify="left")
    statuses.add_column("status")
    statuses.add_column("integration status")
    statuses.add_column("invoices", justify="right")
    for status in STATUSES:
        if status in options.statuses:
            statuses.add_row(
                status, RULES[status].integration_status, f"{result.statuses.get(status, 0):,}"
            )
    console.print(statuses)

    if result.hold_codes:
        holds = Table(title="Hold reasons", title_justify="left")
        holds.add_column("error code")
        holds.add_column("option")
        holds.add_column("invoices", justify="right")
        for code, count in result.hold_codes.most_common():
            holds.add_row(code, BY_CODE[code].option_name, f"{count:,}")
        console.print(holds)
    for path in report.files:
        console.print(f"{_FILE_KINDS[path.suffix]}: {path}")

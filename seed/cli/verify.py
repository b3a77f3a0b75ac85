"""`seed verify`: checks every invariant of the data in a database and says which rows break one."""

import time

import typer
from rich.console import Console
from rich.table import Table

from seed.cli.console import stderr_console, stdout_console
from seed.cli.options import (
    DatabaseUrlOption,
    LockTimeoutOption,
    Quiet,
    TargetOption,
    database_url,
)
from seed.cli.progress import check_progress
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.verify import CheckResult, all_checks, verify_database


def render_results(console: Console, results: list[CheckResult], elapsed: float) -> None:
    table = Table(title="Checks", title_justify="left")
    table.add_column("check")
    table.add_column("result")
    table.add_column("rows", justify="right")
    table.add_column("failing", justify="right")
    for result in results:
        table.add_row(
            result.check.name,
            "pass" if result.passed else "[bold red]FAIL[/]",
            f"{result.checked:,}",
            f"{result.failed:,}",
        )
    console.print(table)
    failed = [r for r in results if not r.passed]
    for result in failed:
        console.print(
            f"FAIL {result.check.name}: {result.check.rule}; {result.failed:,} "
            f"{result.check.table} row(s), e.g. {', '.join(result.examples)}"
        )
    console.print(
        f"{len(results) - len(failed)} of {len(results)} checks passed in {elapsed:.2f} s"
    )


def verify(
    url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
    quiet: Quiet = False,
) -> None:
    """Check every invariant of the Hold Busters data in a database (seeded by us or not):
    foreign keys, amounts, status rules, responses, dates, days pending, and that each Hold's
    data shows the defect its error names. Exit 0 when every check passes, 1 otherwise.

    Example: seed verify --database-url sqlite:///holdbusters.db
    """
    url = database_url(url_text, target)
    started = time.perf_counter()
    with check_progress(stderr_console(), len(all_checks()), quiet) as on_check:
        results = verify_database(url, lock_timeout, on_check)
    render_results(stdout_console(), results, time.perf_counter() - started)
    if not all(r.passed for r in results):
        raise typer.Exit(1)

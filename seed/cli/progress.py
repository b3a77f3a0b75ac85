"""A Rich progress bar (invoices, rows/s, ETA) on a terminal; nothing when piped or quiet."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


@contextmanager
def invoice_progress(
    console: Console, total: int, quiet: bool
) -> Iterator[Callable[[int, int], None] | None]:
    """Yields a callback taking the invoices and rows done, or None when nothing is shown."""
    if quiet or not console.is_terminal or total == 0:
        yield None
        return
    columns = (
        TextColumn("seeding"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("invoices", total=total, rate="")

        def advance(done: int, rows: int) -> None:
            elapsed = progress.tasks[task].elapsed or 0.0
            rate = f"{rows / elapsed:,.0f} rows/s" if elapsed > 0 else ""
            progress.update(task, completed=done, rate=rate)

        yield advance


@contextmanager
def check_progress(
    console: Console, total: int, quiet: bool
) -> Iterator[Callable[[str], None] | None]:
    """Yields a callback taking the name of the check that starts, or None when nothing is
    shown (not a terminal, or quiet)."""
    if quiet or not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("verifying"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[check]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("checks", total=total, check="")
        started = 0

        def starting(name: str) -> None:
            nonlocal started
            progress.update(task, completed=started, check=name)
            started += 1

        yield starting

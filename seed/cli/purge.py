"""`seed purge RUN_ID`: removes exactly one run's rows and its ledger row."""

import sys
from typing import Annotated

import typer
from rich.console import Console

from seed.cli.console import stdout_console
from seed.cli.interrupt import interrupting_means
from seed.cli.options import DatabaseUrlOption, LockTimeoutOption, TargetOption, database_url
from seed.cli.runs import outcome_label
from seed.cli.summary import rows_table
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.errors import UsageError
from seed.keys import check_run_id
from seed.runs.purge import PurgePlan, plan_purge, purge_run
from seed.settings import mask_url


def _describe(console: Console, plan: PurgePlan, where: str) -> None:
    entry = plan.entry
    if entry is None:
        about = "not in the ledger: rows an earlier purge kept, or a run that was never recorded"
    else:
        about = (
            f"{outcome_label(entry.outcome)}, by {entry.user_name}@{entry.host_name} "
            f"at {entry.started_at:%Y-%m-%d %H:%M:%S} UTC, "
            f"project {entry.options.get('project_number', entry.project_id)}"
        )
    console.print(f"Run {plan.run_id} in {where} ({about})")
    console.print(rows_table("Rows to remove", plan.rows))
    if any(plan.kept.values()):
        console.print(
            f"Kept: {plan.kept['projects']} project and {plan.kept['budget_lines']} budget lines "
            f"of {plan.run_id} that other runs still use; `seed purge {plan.run_id}` removes "
            "them once those runs are purged."
        )


def purge(
    run_id: Annotated[
        str, typer.Argument(metavar="RUN_ID", help="The run to remove, as `seed runs` lists it.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be removed; change nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Remove exactly one run: its invoices, lines, responses, budget lines and project (children
    first), and its ledger row. A project that other runs reuse stays, with its budget lines.
    Incomplete runs can be purged too. Asks for confirmation unless --yes.

    Example: seed purge R20261124T073024_81072e --dry-run
    """
    check_run_id(run_id, "RUN_ID")
    if not dry_run and not yes and not sys.stdin.isatty():
        raise UsageError(
            "purge asks for confirmation on a terminal: pass --yes to purge without asking, "
            "or --dry-run to see what it would remove"
        )
    url = database_url(url_text, target)
    where = mask_url(url)
    console = stdout_console()
    plan = plan_purge(url, run_id, lock_timeout)
    _describe(console, plan, where)
    if dry_run:
        console.print("Dry run: nothing was removed.")
        return
    if not yes and not typer.confirm(f"Remove these {plan.total:,} rows of run {run_id}?"):
        console.print("Nothing was removed.")
        raise typer.Exit(1)
    interrupting_means(
        f"the purge stopped part-way: run `seed purge {run_id}` again to finish"
        if url.get_backend_name() == "databricks"
        else "the purge was rolled back; nothing was removed"
    )
    done = purge_run(url, run_id, lock_timeout)
    console.print(f"Purged run {run_id}: removed {done.total:,} rows and its ledger entry.")

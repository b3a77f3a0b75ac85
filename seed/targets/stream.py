"""One run, backend-agnostic: plan the project, stream the invoices, size the budgets."""

import os
import re
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Table

from models import TABLES
from seed.generate.batches import iter_batches
from seed.generate.budgets import raised_budgets
from seed.domain.catalog import BUDGET_CATEGORIES
from seed.errors import UsageError
from seed.runs.project import ExistingProject
from seed.generate.factories import BudgetLineFactory, ProjectContext, ProjectFactory, RunContext
from seed.write.database import EncodingSink
from seed.generate.options import SeedOptions
from seed.write.sink import Row, Sink

DEFAULT_CHUNK_SIZE = 5_000
#: Runs of at least this many invoices generate them in a worker process by default.
AUTO_WORKERS_FROM = 20_000
_RUN_ID = re.compile(r"[A-Za-z0-9_]{1,30}")

#: Told the invoices and the rows written so far, after each chunk.
Progress = Callable[[int, int], None]


def auto_workers(invoice_count: int) -> int:
    """One generating process beside the writing one, when the run is long enough to pay for
    starting it (about 0.2 s) and there is a second core."""
    return 1 if invoice_count >= AUTO_WORKERS_FROM and (os.cpu_count() or 1) > 1 else 0


def new_run_id(now: datetime | None = None) -> str:
    """Sortable by start time and unique; no '-', so ``<run id>-`` prefixes never overlap."""
    moment = now or datetime.now(UTC)
    return f"R{moment:%Y%m%dT%H%M%S}_{secrets.token_hex(3)}"


def check_run_id(run_id: str, name: str = "--run-id") -> str:
    if not _RUN_ID.fullmatch(run_id):
        raise UsageError(f"{name} {run_id!r} must be 1 to 30 letters, digits or underscores")
    return run_id


@dataclass
class RunResult:
    run_id: str
    project_id: str
    project_reused: bool
    rows: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    hold_codes: Counter[str] = field(default_factory=Counter)


def write_run(
    sinks: Sequence[Sink],
    options: SeedOptions,
    run_id: str,
    existing: ExistingProject | None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_progress: Progress | None = None,
    workers: int = 0,
) -> RunResult:
    """Write a whole run to ``sinks``, parents first; the caller owns the transaction.

    ``workers`` processes generate the invoices while this one writes (0: all in this one).
    With a single sink that takes encoded rows, they are encoded where they are generated.
    """
    projects = ProjectFactory(options, run_id)
    budget_factory = BudgetLineFactory(options.seed, run_id)
    if existing is None:
        project_row = projects.build()
        project_id, project_created = project_row["id"], project_row["created_at"]
        have: dict[str, tuple[str, int]] = {}
    else:
        project_row = None
        project_id, project_created = existing.project_id, existing.created_at
        have = dict(existing.budget_lines)
    missing = tuple(c for c, _, _ in BUDGET_CATEGORIES if c not in have)
    budget_rows = budget_factory.build(project_id, project_created, missing)
    for row in budget_rows:
        have[row["cost_category"]] = (row["id"], int(row["budget_amount"] * 100))

    result = RunResult(run_id, project_id, existing is not None)
    if project_row is not None:
        _emit(sinks, result, TABLES["projects"], [project_row])
    _emit(sinks, result, TABLES["budget_lines"], budget_rows)

    project = ProjectContext(
        project_id, options.project_number, {c: line_id for c, (line_id, _) in have.items()}
    )
    spend: Counter[str] = Counter(existing.spend if existing else {})
    fast = sinks[0] if len(sinks) == 1 and isinstance(sinks[0], EncodingSink) else None
    batches = iter_batches(
        RunContext(run_id, options, project),
        chunk_size,
        fast.encoder if fast is not None else None,
        workers,
    )
    done = 0
    for batch in batches:
        for name, rows in batch.tables():
            if fast is not None:
                fast.insert_encoded(TABLES[name], rows)
                result.rows[name] += len(rows)
            else:
                _emit(sinks, result, TABLES[name], rows)
        spend.update(batch.spend)
        result.statuses.update(batch.statuses)
        result.hold_codes.update(batch.hold_codes)
        done += len(batch.invoices)
        if on_progress is not None:
            on_progress(done, result.rows.total())

    raised = raised_budgets({line_id: cents for line_id, cents in have.values()}, spend)
    for sink in sinks:
        sink.set_budget_amounts(raised)
    return result


def _emit(sinks: Sequence[Sink], result: RunResult, table: Table, rows: list[Row]) -> None:
    for sink in sinks:
        sink.insert(table, rows)
    result.rows[table.name] += len(rows)

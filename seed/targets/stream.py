"""A run's rows streamed into one sink, parents first: the core every target shares."""

from collections import Counter

from models import TABLES
from seed.domain.catalog import BUDGET_CATEGORIES
from seed.domain.money import to_cents
from seed.generate.batches import iter_batches
from seed.generate.budgets import sized_budgets
from seed.generate.factories import BudgetLineFactory, ProjectContext, ProjectFactory, RunContext
from seed.generate.options import SeedOptions
from seed.runs.project import ExistingProject
from seed.targets.plan import RunResult, RunSettings
from seed.write.encoding import Row
from seed.write.sink import Sink, prepared


def write_run(
    sink: Sink, options: SeedOptions, settings: RunSettings, existing: ExistingProject | None
) -> RunResult:
    """Write a whole run to ``sink``, parents first; the caller owns the transaction.

    Worker processes (``settings.workers``) generate the invoices while this one writes; when
    the sink has an encoder, rows are encoded where they are generated.
    """
    run_id = settings.run_id
    if existing is None:
        project_row = ProjectFactory(options, run_id).build()
        project_id, project_created = project_row["id"], project_row["created_at"]
        have: dict[str, tuple[str, int]] = {}
    else:
        project_row = None
        project_id, project_created = existing.project_id, existing.created_at
        have = dict(existing.budget_lines)
    missing = tuple(c for c, _, _ in BUDGET_CATEGORIES if c not in have)
    budget_rows = BudgetLineFactory(options.seed, run_id).build(
        project_id, project_created, missing
    )
    for row in budget_rows:
        have[row["cost_category"]] = (row["id"], to_cents(row["budget_amount"]))

    result = RunResult(run_id, project_id, existing is not None)
    if project_row is not None:
        _insert(sink, result, "projects", [project_row])
    _insert(sink, result, "budget_lines", budget_rows)

    project = ProjectContext(
        project_id, options.project_number, {c: line_id for c, (line_id, _) in have.items()}
    )
    spend: Counter[str] = Counter(existing.spend if existing else {})
    run = RunContext(run_id, options, project)
    workers = settings.workers_for(options.invoice_count)
    done = 0
    for batch in iter_batches(run, settings.chunk_size, sink.encoder, workers):
        for name, rows in batch.tables():
            sink.insert(TABLES[name], rows)
            result.rows[name] += batch.sizes[name]
        spend.update(batch.spend)
        result.statuses.update(batch.statuses)
        result.hold_codes.update(batch.hold_codes)
        done += batch.sizes["invoices"]
        if settings.on_progress is not None:
            settings.on_progress(done, result.rows.total())

    created = {row["id"] for row in budget_rows}
    sink.set_budget_amounts(sized_budgets(have, spend, created))
    return result


def _insert(sink: Sink, result: RunResult, name: str, rows: list[Row]) -> None:
    sink.insert(TABLES[name], prepared(sink, TABLES[name], rows))
    result.rows[name] += len(rows)

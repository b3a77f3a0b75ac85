"""A run's rows streamed into one sink, parents first: the core every target shares."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from models import TABLES
from seed.domain.catalog import BUDGET_CATEGORIES
from seed.domain.money import to_cents
from seed.generate.batches import InvoiceCounts, iter_batches
from seed.generate.budgets import sized_budgets
from seed.generate.factories import BudgetLineFactory, ProjectContext, ProjectFactory, RunContext
from seed.generate.options import SeedOptions
from seed.runs.project import ExistingProject
from seed.targets.plan import RunResult, RunSettings
from seed.write.encoding import Row
from seed.write.sink import Sink, prepared


@dataclass(frozen=True)
class ProjectPlan:
    """The small parts of a run, made before any invoice: its project (None when reused), the
    budget lines it adds, and every budget line's id and amount in cents by cost category."""

    project_id: str
    project_row: Row | None
    budget_rows: list[Row]
    budget_lines: dict[str, tuple[str, int]]
    #: Approved and Paid spend the reused project's earlier runs charged, per budget line id.
    earlier_spend: Mapping[str, int]

    def context(self, options: SeedOptions) -> ProjectContext:
        lines = {category: line_id for category, (line_id, _) in self.budget_lines.items()}
        return ProjectContext(self.project_id, options.project_number, lines)

    def sized_budgets(self, run_spend: Mapping[str, int]) -> dict[str, Decimal]:
        """New budget amounts for the project's earlier spend plus ``run_spend`` (budget line id
        -> cents): the lines this run adds take their target, older ones only grow
        (``seed.generate.budgets``)."""
        spend = Counter(self.earlier_spend)
        spend.update(run_spend)
        created = {row["id"] for row in self.budget_rows}
        return sized_budgets(self.budget_lines, spend, created)


def plan_project(
    options: SeedOptions, run_id: str, existing: ExistingProject | None
) -> ProjectPlan:
    """A new project with its budget lines, or the reused one with the categories it lacks."""
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
    earlier_spend = existing.spend if existing else {}
    return ProjectPlan(project_id, project_row, budget_rows, have, earlier_spend)


def write_run(
    sink: Sink, options: SeedOptions, settings: RunSettings, existing: ExistingProject | None
) -> RunResult:
    """Write a whole run to ``sink``, parents first; the caller owns the transaction.

    Worker processes (``settings.workers``) generate the invoices while this one writes; when
    the sink has an encoder, rows are encoded where they are generated.
    """
    run_id = settings.run_id
    plan = plan_project(options, run_id, existing)
    result = RunResult(run_id, plan.project_id, existing is not None)
    if plan.project_row is not None:
        _insert(sink, result, "projects", [plan.project_row])
    _insert(sink, result, "budget_lines", plan.budget_rows)

    run = RunContext(run_id, options, plan.context(options))
    workers = settings.workers_for(options.invoice_count)
    counts = InvoiceCounts()
    for batch in iter_batches(run, settings.chunk_size, sink.encoder, workers):
        for name, rows in batch.tables():
            sink.insert(TABLES[name], rows)
        counts.add(batch.counts)
        if settings.on_progress is not None:
            settings.on_progress(counts.rows["invoices"], result.rows.total() + counts.rows.total())

    result.add_invoices(counts)
    sink.set_budget_amounts(plan.sized_budgets(counts.spend))
    return result


def _insert(sink: Sink, result: RunResult, name: str, rows: list[Row]) -> None:
    sink.insert(TABLES[name], prepared(sink, TABLES[name], rows))
    result.rows[name] += len(rows)

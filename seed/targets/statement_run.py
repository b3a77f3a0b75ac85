"""A run as a stream of statements: its ledger row first (running), its rows, then completion.

Shared by the Databricks writer and ``seed --sql-file``, so the file holds exactly what a
Databricks run executes.
"""

from dataclasses import replace

from models import SeedRun
from seed.generate.options import SeedOptions
from seed.keys import project_key
from seed.runs.ledger import COMPLETE, RUNNING, ledger_row, utcnow
from seed.runs.project import ExistingProject
from seed.targets.plan import RunResult, RunSettings
from seed.targets.stream import write_run
from seed.write.statements import StatementWriter

LEDGER = SeedRun.__table__


class RunLedger:
    """The run's ``seed_runs`` row: written first as running, completed (or failed) at the end,
    so a run that crashed half-way is visible in the ledger."""

    def __init__(
        self, writer: StatementWriter, options: SeedOptions, settings: RunSettings
    ) -> None:
        self.writer = writer
        self.options = options
        self.settings = settings
        self.run_id = settings.run_id
        self.started_at = utcnow()

    def start(self, project_id: str) -> None:
        row = ledger_row(
            self.run_id, self.options, project_id, self.started_at, None, RUNNING, None
        )
        self.writer.insert_now(LEDGER, [row])  # type: ignore[arg-type]

    def finish(self, outcome: str, result: RunResult | None, message: str | None = None) -> None:
        values = {
            "finished_at": utcnow(),
            "outcome": outcome,
            "row_counts": dict(result.rows) if result is not None else None,
            "message": message,
        }
        self.writer.update_now(LEDGER, self.run_id, values)  # type: ignore[arg-type]


def run_statements(
    writer: StatementWriter, ledger: RunLedger, existing: ExistingProject | None
) -> RunResult:
    """Ledger row, the run's rows parents first, the budget update, the ledger's completion."""
    ledger.start(existing.project_id if existing else project_key(ledger.run_id))
    settings = ledger.settings
    if settings.workers is None:  # statements are generated in this process unless asked
        settings = replace(settings, workers=0)
    result = write_run(writer, ledger.options, settings, existing)
    writer.flush()
    ledger.finish(COMPLETE, result)
    return result

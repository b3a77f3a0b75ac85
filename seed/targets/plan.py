"""How a run is carried out (``RunSettings``) and what it did (``RunResult``, ``SeedReport``).

Settings never change the rows: the same options, seed, ``--as-of`` and run id give the same
content whatever the chunk size, workers or destination.
"""

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.generate.options import SeedOptions
from seed.keys import new_run_id
from seed.write.statements import MAX_STATEMENT_BYTES

if TYPE_CHECKING:
    from seed.generate.batches import InvoiceCounts

DEFAULT_CHUNK_SIZE = 5_000
#: Runs of at least this many invoices generate them in worker processes by default.
AUTO_WORKERS_FROM = 20_000
#: More generating processes than this would wait for the one that writes.
MAX_AUTO_WORKERS = 4

#: Told the invoices and the rows written so far, after each chunk.
Progress = Callable[[int, int], None]


def auto_workers(invoice_count: int) -> int:
    """A generating process per core (the main process only writes, a fifth of the work), when
    the run is long enough to pay for starting them (about 0.2 s) and there are two cores."""
    cores = os.cpu_count() or 1
    if invoice_count < AUTO_WORKERS_FROM or cores < 2:
        return 0
    return min(cores, MAX_AUTO_WORKERS)


@dataclass(frozen=True)
class RunSettings:
    """Everything about a run but its content (that is ``SeedOptions``)."""

    run_id: str = field(default_factory=new_run_id)
    #: Invoices generated and written at a time.
    chunk_size: int = DEFAULT_CHUNK_SIZE
    #: Processes generating invoices while the main one writes; None: ``auto_workers``. Spawned:
    #: a script that asks for them needs the usual ``if __name__ == "__main__":`` guard.
    workers: int | None = None
    #: Seconds to wait for a database another run has locked (SQLite, PostgreSQL).
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    #: Also write the run's rows as CSV files into this folder (local databases).
    csv_dir: Path | None = None
    #: Also write the run's rows as Parquet files into this folder (local databases).
    parquet_dir: Path | None = None
    #: Databricks: "volume", "statements" or "auto" (None: auto); see seed.targets.load.
    load: str | None = None
    #: Databricks: the Volume (/Volumes/<catalog>/<schema>/<volume>) a volume load stages in.
    volume: str | None = None
    #: Offline volume load (with a SQL script): the folder the Parquet files are written into.
    stage_dir: Path | None = None
    #: Upper bound of one SQL statement's text (Databricks, SQL scripts).
    statement_bytes: int = MAX_STATEMENT_BYTES
    on_progress: Progress | None = None
    #: Called inside the transaction just before it commits (tests use it to fail late).
    before_commit: Callable[[Connection], None] | None = None

    def workers_for(self, invoice_count: int) -> int:
        return auto_workers(invoice_count) if self.workers is None else self.workers


@dataclass
class RunResult:
    run_id: str
    project_id: str
    project_reused: bool
    rows: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    hold_codes: Counter[str] = field(default_factory=Counter)

    def add_invoices(self, counts: "InvoiceCounts") -> None:
        """The run's invoices, as counted where they were made."""
        self.rows.update(counts.rows)
        self.statuses.update(counts.statuses)
        self.hold_codes.update(counts.hold_codes)


@dataclass(frozen=True)
class SeedReport:
    result: RunResult
    options: SeedOptions
    database: str
    elapsed: float
    statements: int
    #: Files written beside the database (CSV, Parquet).
    files: tuple[Path, ...] = ()

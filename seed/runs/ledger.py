"""The run ledger (``seed_runs``): who seeded what, with which options, and how it ended."""

import getpass
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import URL, Connection

from models import SeedRun
from seed import __version__
from seed.db.access import open_database
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.runs.rows import count_run_rows

#: Outcomes of a run. Only a Databricks run (no transaction) is ever seen running or failed:
#: running while it writes, failed when its rows were removed after an error, incomplete when
#: even that removal failed and rows may remain.
RUNNING = "running"
COMPLETE = "complete"
FAILED = "failed"
INCOMPLETE = "incomplete"


def utcnow() -> datetime:
    """Naive UTC, as every timestamp column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def options_record(options: SeedOptions) -> dict[str, Any]:
    record = asdict(options)
    record["as_of"] = options.as_of.isoformat()
    record["approval_limit"] = str(options.approval_limit)
    record["statuses"] = list(options.statuses)
    record["hold_reasons"] = list(options.hold_reasons)
    return record


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def ledger_row(
    run_id: str,
    options: SeedOptions,
    project_id: str,
    started_at: datetime,
    finished_at: datetime | None,
    outcome: str,
    row_counts: dict[str, int] | None,
    message: str | None = None,
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": finished_at,
        "outcome": outcome,
        "user_name": current_user()[:100],
        "host_name": socket.gethostname()[:200],
        "tool_version": __version__,
        "project_id": project_id,
        "options": options_record(options),
        "row_counts": row_counts,
        "message": message,
    }


def require_new_run(connection: Connection, run_id: str) -> None:
    taken = connection.execute(select(SeedRun.run_id).where(SeedRun.run_id == run_id)).first()
    if taken is not None:
        raise SeedError(f"run {run_id} already exists: choose another --run-id")


@dataclass(frozen=True)
class LedgerEntry:
    """One run as the ledger recorded it."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    user_name: str
    host_name: str
    tool_version: str
    project_id: str
    options: dict[str, Any]
    row_counts: dict[str, int] | None
    message: str | None

    @property
    def complete(self) -> bool:
        """Anything else (running, failed, incomplete, ...) may have left rows behind."""
        return self.outcome == COMPLETE


@dataclass(frozen=True)
class RunListing:
    entry: LedgerEntry
    #: Rows per table: as recorded for a complete run, as found now for any other.
    rows: dict[str, int]


def read_runs(connection: Connection, limit: int | None = None) -> list[LedgerEntry]:
    """The ledger's runs, newest first."""
    ledger = SeedRun.__table__
    query = select(ledger).order_by(ledger.c.started_at.desc(), ledger.c.run_id.desc())
    return [LedgerEntry(**row._mapping) for row in connection.execute(query.limit(limit))]


def read_run(connection: Connection, run_id: str) -> LedgerEntry | None:
    ledger = SeedRun.__table__
    row = connection.execute(select(ledger).where(ledger.c.run_id == run_id)).first()
    return None if row is None else LedgerEntry(**row._mapping)


def list_runs(url: URL, lock_timeout: float, limit: int | None = None) -> list[RunListing]:
    """Runs newest first, with the rows each has in the database."""
    with open_database(url, lock_timeout, write=False) as connection:
        return [
            RunListing(
                entry,
                dict(entry.row_counts or {})
                if entry.complete
                else count_run_rows(connection, entry.run_id),
            )
            for entry in read_runs(connection, limit)
        ]

"""Removes exactly one run: its rows, children first, then its ledger row, in one transaction."""

from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.engine import URL, Connection

from models import SeedRun
from seed.db.access import open_database, serialize_project
from seed.errors import SeedError
from seed.runs.ledger import LedgerEntry, read_run
from seed.runs.rows import count_run_rows, delete_run_rows, kept_run_rows
from seed.settings import mask_url


@dataclass(frozen=True)
class PurgePlan:
    run_id: str
    #: None when the ledger has no row for it (rows a purge kept earlier, or an unrecorded run).
    entry: LedgerEntry | None
    #: Rows per table that the purge removes.
    rows: dict[str, int]
    #: A reused project and its budget lines, kept because other runs still use them.
    kept: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _plan(connection: Connection, url: URL, run_id: str, entry: LedgerEntry | None) -> PurgePlan:
    rows = count_run_rows(connection, run_id)
    kept = kept_run_rows(connection, run_id)
    if entry is None and not any(rows.values()) and not any(kept.values()):
        raise SeedError(f"no run {run_id} in {mask_url(url)}: `seed runs` lists the runs")
    return PurgePlan(run_id, entry, rows, kept)


def plan_purge(url: URL, run_id: str, lock_timeout: float) -> PurgePlan:
    """What purging ``run_id`` would remove; writes nothing."""
    with open_database(url, lock_timeout, write=False) as connection:
        return _plan(connection, url, run_id, read_run(connection, run_id))


def purge_run(url: URL, run_id: str, lock_timeout: float) -> PurgePlan:
    """Remove the run's rows, then its ledger row.

    On SQLite and PostgreSQL this is one transaction. Where statements commit one by one
    (Databricks), children go first and the ledger row last, so an interrupted purge leaves no
    orphans and the run still listed: purging it again finishes the job. It waits for runs on
    the same project, so it never removes a project that a run is adding invoices to.
    """
    with open_database(url, lock_timeout, write=True) as connection:
        entry = read_run(connection, run_id)
        if entry is not None and entry.options.get("project_number"):
            serialize_project(connection, str(entry.options["project_number"]), lock_timeout)
        plan = _plan(connection, url, run_id, entry)
        delete_run_rows(connection, run_id, plan.rows)
        if plan.entry is not None:
            connection.execute(delete(SeedRun).where(SeedRun.run_id == run_id))
    return plan

"""Projects whose run is not in the ledger: a purge kept them while other runs used them, and
those runs were purged since (or the rows were written without a ledger row). `seed runs` shows
them, so nothing in the database is invisible; `seed purge RUN_ID` removes them."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import URL

from models import BudgetLine, Project, SeedRun
from seed.db.access import open_database
from seed.keys import run_of_key


@dataclass(frozen=True)
class UnrecordedProject:
    run_id: str
    project_number: str
    budget_lines: int


def unrecorded_projects(url: URL, lock_timeout: float) -> list[UnrecordedProject]:
    """Every project whose key's run has no ledger row, oldest run first."""
    budget = (
        select(BudgetLine.project_id, func.count().label("lines"))
        .group_by(BudgetLine.project_id)
        .subquery("budget")
    )
    query = (
        select(Project.id, Project.project_number, func.coalesce(budget.c.lines, 0))
        .outerjoin(budget, budget.c.project_id == Project.id)
        .order_by(Project.id)
    )
    with open_database(url, lock_timeout, write=False) as connection:
        recorded = set(connection.scalars(select(SeedRun.run_id)))
        return [
            UnrecordedProject(run_of_key(key), number, int(lines))
            for key, number, lines in connection.execute(query)
            if run_of_key(key) not in recorded
        ]

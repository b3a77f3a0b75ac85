"""Removing one run's rows when another run has its own project (the budget-line rule must not
mistake the other project's budget lines for users of this one)."""

from datetime import date

from sqlalchemy import URL, create_engine

from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.runs.rows import delete_run_rows
from tests.helpers import read_tables


def test_a_run_with_its_own_project_is_removed_whole(db_url: URL) -> None:
    for run_id, project in (("RUNA", "PROJ-A"), ("RUNB", "PROJ-B")):
        options = SeedOptions(
            seed=1, as_of=date(2026, 11, 24), per_status=1, project_number=project
        )
        seed_run(db_url, options, RunSettings(run_id))
    before = read_tables(db_url)
    engine = create_engine(db_url)
    with engine.begin() as connection:
        counts = delete_run_rows(connection, "RUNB")
    engine.dispose()
    assert counts["projects"] == 1 and counts["budget_lines"] == 5
    after = read_tables(db_url)
    assert after == {
        name: [row for row in rows if not row["id"].startswith("RUNB-")]
        for name, rows in before.items()
    }

"""The ORM face and the bulk path are two faces of one generator: same seed and options, same
rows (only the run id in the keys differs: each names its own run)."""

from datetime import date
from pathlib import Path

from sqlalchemy import URL, select
from sqlalchemy.orm import Session

from models import Invoice
from seed.db.engine import make_engine
from seed.factories import InvoiceFactory
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.helpers import read_tables, strip_run
from tests.support import migrate

AS_OF = date(2026, 11, 24)


def _factory_run_ids(url: URL) -> set[str]:
    engine = make_engine(url)
    with Session(engine) as session:
        ids = set(session.scalars(select(Invoice.id)))
    engine.dispose()
    return {key.split("-")[0] for key in ids}


def test_same_rows_as_the_bulk_path_in_the_same_project(db_url: URL) -> None:
    seed_run(db_url, SeedOptions(seed=7, as_of=AS_OF, per_status=4), RunSettings("RUNA"))
    engine = make_engine(db_url)
    with Session(engine) as session:
        made = InvoiceFactory.create_batch(session, 20, seed=7, as_of=AS_OF)
        (run_id,) = {invoice.id.split("-")[0] for invoice in made}
        session.commit()
    engine.dispose()
    rows = read_tables(db_url)
    for table in ("invoices", "invoice_lines", "integration_responses"):
        bulk = [r for r in rows[table] if r["id"].startswith("RUNA-")]
        orm = [r for r in rows[table] if r["id"].startswith(f"{run_id}-")]
        assert len(bulk) == len(orm) > 0
        # The project and its budget lines are the bulk run's (RUNA) in both.
        assert strip_run(strip_run({table: orm}, run_id), "RUNA") == strip_run(
            {table: bulk}, "RUNA"
        )


def test_same_database_as_the_bulk_path(sqlite_url: URL, tmp_path: Path) -> None:
    """Project, budget lines (raised by the same rule) and every invoice: identical."""
    seed_run(sqlite_url, SeedOptions(seed=5, as_of=AS_OF, per_status=3), RunSettings("RUNA"))
    other = sqlite_url.set(database=str(tmp_path / "orm.db"))
    migrate(other)
    engine = make_engine(other)
    with Session(engine) as session:
        InvoiceFactory.create_batch(session, 15, seed=5, as_of=AS_OF)
        session.commit()
    engine.dispose()
    orm = read_tables(other)
    project_run = orm["projects"][0]["id"].removesuffix("-P")
    (invoice_run,) = _factory_run_ids(other)
    assert strip_run(strip_run(orm, project_run), invoice_run) == strip_run(
        read_tables(sqlite_url), "RUNA"
    )

"""`seed verify` passes on data the ORM factories committed, alone and beside `seed` runs."""

from datetime import date

from sqlalchemy import URL, select
from sqlalchemy.orm import Session

from models import Project
from seed.db.engine import make_engine
from seed.domain.holds import HOLD_REASONS
from seed.domain.statuses import STATUSES
from seed.factories import InvoiceFactory, ProjectFactory
from tests.support import url_arg


def fill_with_factories(url: URL, seed: int) -> None:
    """A bit of everything: each status and Hold reason, pinned totals and dates, two projects."""
    engine = make_engine(url)
    with Session(engine) as session:
        InvoiceFactory.create_batch(session, 12, seed=seed)
        for status in STATUSES:
            InvoiceFactory.create(
                session, status=status, total_amount="2500.00", lines=4, seed=seed
            )
        for scenario in HOLD_REASONS:
            InvoiceFactory.create(session, hold_reason=scenario.option_name, seed=seed)
        InvoiceFactory.create(session, status="Paid", invoice_date=date(2025, 6, 30), seed=seed)
        airport = session.scalars(
            select(Project).where(Project.project_number == "PROJ-AIR")
        ).first() or ProjectFactory.create(session, project_number="PROJ-AIR", seed=seed)
        InvoiceFactory.create_batch(session, 5, project=airport, vendor_name="Acme", seed=seed)
        InvoiceFactory.create_batch(session, 2, hold_reason="duplicate-invoice", seed=seed)
        session.commit()
    engine.dispose()


def test_verify_passes_on_factory_data(db_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    fill_with_factories(db_url, seed=1)
    result = run_cli("verify", "--database-url", url_arg(db_url))
    assert result.code == 0, result.out
    assert "checks passed" in result.out and "FAIL" not in result.out


def test_verify_passes_on_factories_and_seed_runs(db_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    url = url_arg(db_url)
    assert run_cli("--database-url", url, "--per-status", "5", "--seed", "2", "-q").code == 0
    fill_with_factories(db_url, seed=3)
    assert run_cli("--database-url", url, "--per-status", "5", "--seed", "4", "-q").code == 0
    fill_with_factories(db_url, seed=3)
    result = run_cli("verify", "--database-url", url)
    assert result.code == 0, result.out

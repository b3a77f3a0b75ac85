"""Alembic creates, drops and re-creates the schema; the models and the revisions agree."""

import pytest
from alembic import command
from sqlalchemy import URL, create_engine, inspect

from models import Base
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.state import snapshot
from tests.support import alembic_config, migrate, url_arg
from tests.test_seed_core import AS_OF


def table_names(url: URL) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_up_down_up_and_no_drift(backend: str, request: pytest.FixtureRequest) -> None:
    url: URL = request.getfixturevalue(
        "empty_sqlite_url" if backend == "sqlite" else "empty_pg_url"
    )
    expected = set(Base.metadata.tables) | {"alembic_version"}
    migrate(url)
    assert table_names(url) == expected
    command.check(alembic_config(url))  # raises on any drift between models and revisions
    command.downgrade(alembic_config(url), "base")
    assert table_names(url) <= {"alembic_version"}
    migrate(url)
    migrate(url)  # a second upgrade is a no-op
    assert table_names(url) == expected
    command.check(alembic_config(url))


def test_foreign_keys_are_named(sqlite_url: URL) -> None:
    engine = create_engine(sqlite_url)
    inspector = inspect(engine)
    for table in Base.metadata.tables:
        for fk in inspector.get_foreign_keys(table):
            assert fk["name"] and fk["name"].startswith(f"fk_{table}_")
    engine.dispose()


def test_upgrading_a_seeded_database_at_head_changes_nothing(db_url: URL) -> None:
    seed_run(db_url, SeedOptions(seed=1, as_of=AS_OF, per_status=2), RunSettings("RUNA"))
    before = snapshot(db_url)
    migrate(db_url)
    migrate(db_url)
    assert snapshot(db_url) == before  # SQLite byte for byte, PostgreSQL row for row


def test_the_fix_an_older_revision_names_works(empty_sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    migrate(empty_sqlite_url, "0001")
    refused = run_cli("--database-url", url_arg(empty_sqlite_url))
    assert refused.code == 1 and "run `seed migrate`" in refused.err
    migrate(empty_sqlite_url)  # what `alembic upgrade head` does
    seeded = run_cli("--database-url", url_arg(empty_sqlite_url), "--run-id", "AFTER")
    assert seeded.code == 0, seeded.err
    assert "AFTER" in run_cli("runs", "--database-url", url_arg(empty_sqlite_url)).out

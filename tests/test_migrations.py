"""Alembic creates, drops and re-creates the schema; the models and the revisions agree."""

import pytest
from alembic import command
from sqlalchemy import URL, create_engine, inspect

from models import Base
from tests.conftest import alembic_config, migrate


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

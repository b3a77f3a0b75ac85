"""pytest plugin (entry point ``pytest11: holdbusters``): a fresh migrated database per test,
a session rolled back after it, and the factories bound to that session.

    --holdbusters-url URL   PostgreSQL server to make each test's database on (or the
                            HOLDBUSTERS_TEST_URL variable); without it, a SQLite file per test.

pytest loads this module in every run where the package is installed, so it imports the tool
(SQLAlchemy, Alembic, the models) only when a test asks for one of its fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine
    from sqlalchemy.orm import Session

    from seed.testing.databases import Template
    from seed.testing.holdbusters import Holdbusters

URL_VARIABLE = "HOLDBUSTERS_TEST_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("holdbusters", "Hold Busters test databases")
    group.addoption(
        "--holdbusters-url",
        metavar="URL",
        help=f"PostgreSQL server on which each test gets its own database (also {URL_VARIABLE}); "
        "default: a SQLite file per test",
    )


@pytest.fixture(scope="session")
def holdbusters_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Template]:
    """The migrated database every test's database is copied from (one per test process)."""
    from seed.errors import SeedError
    from seed.testing.databases import open_template

    server = request.config.getoption("holdbusters_url") or os.environ.get(URL_VARIABLE) or None
    try:
        template = open_template(server, tmp_path_factory.mktemp("holdbusters"))
    except SeedError as error:
        pytest.fail(f"holdbusters: {error}", pytrace=False)
    try:
        yield template
    finally:
        template.close()


@pytest.fixture
def holdbusters_url(holdbusters_template: Template, tmp_path: Path) -> Iterator[URL]:
    """The URL of this test's own database, at the head of the migrations."""
    with holdbusters_template.fresh(tmp_path) as url:
        yield url


@pytest.fixture
def holdbusters_engine(holdbusters_url: URL) -> Iterator[Engine]:
    """An engine on this test's own database (foreign keys enforced on SQLite too)."""
    from seed.db.engine import make_engine

    engine = make_engine(holdbusters_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def holdbusters_session(holdbusters_engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test, even when the code
    under test commits: its commits release savepoints (SQLAlchemy's "joining a session into
    an external transaction" recipe)."""
    from sqlalchemy.orm import Session

    with holdbusters_engine.connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


@pytest.fixture
def holdbusters(holdbusters_session: Session) -> Holdbusters:
    """The factories bound to ``holdbusters_session``: ``holdbusters.invoice(status="Hold")``."""
    from seed.testing.holdbusters import Holdbusters

    return Holdbusters(holdbusters_session)

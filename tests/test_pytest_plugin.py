"""The pytest plugin, used from a temporary project as a dashboard's test suite uses it."""

from importlib.metadata import entry_points

import pytest
from sqlalchemy import URL, create_engine, text

USERS_CONFTEST = '''
import pytest
from sqlalchemy import func, select, text

from models import Invoice

SEEN = []


@pytest.fixture
def rows_after_the_test(holdbusters_engine):
    """Set up before the session, torn down after it: what the database holds afterwards."""
    yield
    with holdbusters_engine.connect() as connection:
        left = connection.scalar(select(func.count()).select_from(Invoice))
    assert left == 0, f"{left} invoices outlived the test"
'''

USERS_TESTS = """
from sqlalchemy import func, select, text

from models import Invoice


def count(session):
    return session.scalar(select(func.count()).select_from(Invoice))


def test_a_commit_is_rolled_back(rows_after_the_test, holdbusters, holdbusters_session):
    holdbusters.invoices(5)
    holdbusters_session.commit()
    holdbusters.invoice(status="Hold", hold_reason="erp-timeout")
    holdbusters_session.commit()
    assert count(holdbusters_session) == 6


def test_a_fresh_database_per_test(holdbusters_session, holdbusters_url):
    assert count(holdbusters_session) == 0
    version = holdbusters_session.scalar(text("SELECT version_num FROM alembic_version"))
    assert version is not None
    print("DATABASE", holdbusters_url.database)


def test_another_fresh_database(holdbusters_url):
    print("DATABASE", holdbusters_url.database)
"""


@pytest.fixture
def users_project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(USERS_CONFTEST)
    pytester.makepyfile(test_dashboard=USERS_TESTS)
    return pytester


def _databases(result: pytest.RunResult) -> list[str]:
    return [line.split()[-1] for line in result.outlines if line.startswith("DATABASE")]


def test_installing_the_package_registers_the_plugin() -> None:
    (plugin,) = [e for e in entry_points(group="pytest11") if e.name == "holdbusters"]
    assert plugin.value == "seed.testing.plugin"


def test_sqlite_by_default(users_project: pytest.Pytester) -> None:
    result = users_project.runpytest("-rP", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
    first, second = _databases(result)
    assert first != second and first.endswith("holdbusters.db")


@pytest.mark.postgres
@pytest.mark.parametrize("how", ["option", "environment"])
def test_postgresql_database_per_test(
    users_project: pytest.Pytester, pg_admin_url: URL, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = pg_admin_url.render_as_string(hide_password=False)
    args = ["-rP", "-p", "no:cacheprovider"]
    if how == "option":
        args += ["--holdbusters-url", server]
    else:
        monkeypatch.setenv("HOLDBUSTERS_TEST_URL", server)
    result = users_project.runpytest(*args)
    result.assert_outcomes(passed=3)
    names = _databases(result)
    assert len(set(names)) == 2 and all(n.startswith("hb_test_") for n in names)
    admin = create_engine(pg_admin_url)
    with admin.connect() as connection:
        left = connection.scalars(
            text("SELECT datname FROM pg_database WHERE datname = ANY(:names)"), {"names": names}
        ).all()
    admin.dispose()
    assert left == []


def test_unusable_url_is_one_clear_line(users_project: pytest.Pytester) -> None:
    result = users_project.runpytest(
        "-p",
        "no:cacheprovider",
        "--holdbusters-url",
        "postgresql+psycopg://me:s3cret@127.0.0.1:1/x",
    )
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines(
        [
            "*holdbusters: cannot reach the database server of postgresql+psycopg://me:***@127.0.0.1:1/x*"
        ]
    )
    assert "s3cret" not in result.stdout.str()

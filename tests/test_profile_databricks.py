"""`seed report --profile` on Databricks, offline: the real dialect compiles every profile query,
sqlglot parses it as Databricks SQL, and the fake driver's SQLite twin runs it; the profile of a
run written there is the profile of the same run written to SQLite."""

from datetime import date

import pytest
from sqlalchemy import URL, create_engine, make_url

from seed.generate.options import SeedOptions
from seed.generate.plan import REALISTIC_MIX
from seed.report.profile import profile
from seed.run import RunSettings, seed_run
from tests.fake_databricks import URL as FAKE_URL
from tests.fake_databricks import FakeDatabricks
from tests.support import migrate

OPTIONS = SeedOptions(
    seed=5, as_of=date(2026, 11, 24), invoices=300, mix=tuple(REALISTIC_MIX.items())
)


def test_the_profile_reads_the_same_on_databricks_and_sqlite(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: URL
) -> None:
    fake = FakeDatabricks()
    monkeypatch.setattr("seed.targets.databricks.make_engine", lambda _url: fake.engine())
    seed_run(make_url(FAKE_URL), OPTIONS, RunSettings("RPROF"))
    migrate(sqlite_url)
    seed_run(sqlite_url, OPTIONS, RunSettings("RPROF"))
    with fake.engine().connect() as connection:
        on_databricks = profile(connection)
    with create_engine(sqlite_url).connect() as connection:
        on_sqlite = profile(connection)
    assert on_databricks == on_sqlite
    assert on_databricks["invoices"] == 300 and on_databricks["histories"]["several_attempts"]

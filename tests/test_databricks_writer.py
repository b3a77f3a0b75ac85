"""The Databricks writer through the real dialect on a fake driver: statement count, size,
parameters, foreign-key order, parsing, and cleanup after a failure at any statement."""

from datetime import date
from decimal import Decimal

import pytest
import sqlglot
from sqlalchemy import URL, make_url
from sqlglot import expressions as exp

from models import TABLES
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.targets.plan import SeedReport
from seed.write.statements import MAX_STATEMENT_BYTES
from tests.fake_databricks import TOKEN, FakeDatabricks
from tests.fake_databricks import URL as FAKE_URL

AS_OF = date(2026, 11, 24)
PARAMETER_LIMIT = 256


@pytest.fixture
def url() -> URL:
    return make_url(FAKE_URL)


def use(monkeypatch: pytest.MonkeyPatch, fake: FakeDatabricks) -> FakeDatabricks:
    monkeypatch.setattr("seed.targets.databricks.make_engine", lambda _url: fake.engine())
    return fake


def seed(
    url: URL, run_id: str = "RUNA", per_status: int = 2, project: str = "PROJ-001", **kwargs: int
) -> SeedReport:
    options = SeedOptions(seed=7, as_of=AS_OF, per_status=per_status, project_number=project)
    return seed_run(url, options, RunSettings(run_id, **kwargs))


def run_keys(fake: FakeDatabricks) -> dict[str, set[str]]:
    return {name: fake.keys(name) for name in TABLES}


def test_per_status_2_is_eight_statements(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    """The ledger row, one INSERT per table, the budgets sized to the spend, the completion."""
    fake = use(monkeypatch, FakeDatabricks())
    report = seed(url)
    written = [r.parsed for r in fake.written() if r.parsed is not None]
    assert report.statements == len(written) == 8
    targets = [(type(e).__name__, e.find(exp.Table).name) for e in written]  # type: ignore[union-attr]
    assert targets == [
        ("Insert", "seed_runs"),
        *[("Insert", name) for name in TABLES],
        ("Update", "budget_lines"),
        ("Update", "seed_runs"),
    ]
    assert {name: len(keys) for name, keys in run_keys(fake).items()} == dict(report.result.rows)
    outcome = fake.twin.execute("SELECT outcome FROM seed_runs WHERE run_id = 'RUNA'").fetchone()
    assert outcome == ("complete",)


def test_every_statement_parses_and_stays_within_limits(
    monkeypatch: pytest.MonkeyPatch, url: URL
) -> None:
    """Small statements force many per table; the twin enforces foreign keys, so a child row
    sent before its parent would fail."""
    fake = use(monkeypatch, FakeDatabricks())
    report = seed(url, per_status=12, statement_bytes=8_000)
    written = fake.written()
    assert len(written) > 20
    for recorded in fake.statements:
        assert len(recorded.parameters) <= PARAMETER_LIMIT
        assert recorded.parsed is not None and not isinstance(recorded.parsed, exp.Command)
    for recorded in written:
        assert len(recorded.sql.encode()) <= 8_000 or recorded.sql.count("\n(") <= 1
    assert {name: len(keys) for name, keys in run_keys(fake).items()} == dict(report.result.rows)


def test_literals_are_typed(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    fake = use(monkeypatch, FakeDatabricks())
    seed(url)
    invoices = next(r for r in fake.written() if "INSERT INTO invoices" in r.sql)
    assert invoices.parsed is not None
    casts = {cast.to.sql("databricks") for cast in invoices.parsed.find_all(exp.Cast)}
    assert {"TIMESTAMP_NTZ", "DATE", "DECIMAL(12, 2)"} <= casts
    assert "NULL" in invoices.sql


def test_5000_invoices_take_a_few_dozen_statements(
    monkeypatch: pytest.MonkeyPatch, url: URL
) -> None:
    fake = use(monkeypatch, FakeDatabricks(execute_writes=False))
    report = seed(url, per_status=1000)
    written = fake.written()
    assert report.result.rows["invoices"] == 5000
    assert report.statements == len(written) <= 36
    assert all(len(r.sql.encode()) <= MAX_STATEMENT_BYTES for r in written)
    assert all(not r.parameters for r in written)
    budget_updates = [r.sql for r in written if r.sql.startswith("UPDATE budget_lines")]
    assert len(budget_updates) == 1 and written[-2].sql == budget_updates[0]


def test_a_second_run_reuses_the_project(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    fake = use(monkeypatch, FakeDatabricks())
    seed(url, "RUNA")
    report = seed(url, "RUNB")
    assert report.result.project_reused
    assert fake.keys("projects") == {"RUNA-P"}
    assert len(fake.keys("invoices")) == 20


def test_a_schema_not_at_head_is_refused(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    fake = use(monkeypatch, FakeDatabricks(revision=None))
    with pytest.raises(SeedError, match="no Hold Busters schema: run `seed migrate`"):
        seed(url)
    assert fake.written() == []


def test_a_table_made_outside_the_migrations_is_refused(
    monkeypatch: pytest.MonkeyPatch, url: URL
) -> None:
    fake = FakeDatabricks()
    fake.twin.execute("ALTER TABLE invoices DROP COLUMN payment_terms")
    use(monkeypatch, fake)
    with pytest.raises(SeedError, match=r"table invoices .* lacks column payment_terms"):
        seed(url)
    assert fake.written() == []


@pytest.mark.parametrize("failing", range(1, 8))
def test_a_failure_at_any_statement_removes_exactly_what_was_written(
    monkeypatch: pytest.MonkeyPatch, url: URL, failing: int
) -> None:
    at_failure: dict[str, set[str]] = {}
    armed: list[bool] = []

    def fail(number: int, _sql: str) -> bool:
        if armed and number == failing:
            at_failure.update(run_keys(fake))
            return True
        return False

    fake = use(monkeypatch, FakeDatabricks(fail=fail))
    seed(url, "RUNA", project="PROJ-A")  # another run's rows, which must survive
    before = run_keys(fake)
    fake.writes = 0
    armed.append(True)
    with pytest.raises(SeedError) as raised:
        seed(url, "RUNB")
    message = str(raised.value)
    assert message.startswith("run RUNB failed and its rows were removed")
    assert "INJECTED_FAILURE" in message
    assert TOKEN not in message

    # what statements 1..k-1 wrote: exactly RUNB's keys of the recorded INSERTs before k
    written_before = {
        name: at_failure[name] - before[name] for name in TABLES if at_failure[name] - before[name]
    }
    assert all(k.startswith("RUNB-") for keys in written_before.values() for k in keys)
    deletes = [r for r in fake.written() if isinstance(r.parsed, exp.Delete)]
    assert {r.parsed.this.name for r in deletes if r.parsed is not None} == set(written_before)
    assert run_keys(fake) == before  # removed exactly those; RUNA untouched
    outcome = fake.twin.execute("SELECT outcome FROM seed_runs WHERE run_id = 'RUNB'").fetchone()
    assert outcome == (None if failing == 1 else ("failed",))


def test_a_failed_cleanup_names_the_run_to_purge(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    fake = use(
        monkeypatch,
        FakeDatabricks(fail=lambda number, sql: number == 4 or sql.startswith("DELETE")),
    )
    with pytest.raises(SeedError) as raised:
        seed(url)
    message = str(raised.value)
    assert "rows of run RUNA remain" in message
    assert "seed purge RUNA" in message and "'RUNA-'" in message
    assert fake.keys("projects") == {"RUNA-P"}
    outcome = fake.twin.execute("SELECT outcome FROM seed_runs").fetchall()
    assert outcome == [("incomplete",)]


def test_budget_update_is_one_statement_with_a_case() -> None:
    from seed.targets.sql_script import load_dialect
    from seed.write.statements import StatementWriter

    sent: list[str] = []
    writer = StatementWriter(load_dialect("databricks"), sent.append)
    writer.set_budget_amounts({"R-B1": Decimal("1000.00"), "R-B2": Decimal("25000.50")})
    (statement,) = sent
    parsed = sqlglot.parse_one(statement, read="databricks")
    assert isinstance(parsed, exp.Update)
    assert "CAST(25000.50 AS DECIMAL(12,2))" in statement
    assert "IN ('R-B1', 'R-B2')" in statement


def test_cli_routes_databricks_urls_and_reports_statements(
    monkeypatch: pytest.MonkeyPatch,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    use(monkeypatch, FakeDatabricks())
    result = run_cli("--database-url", FAKE_URL, "--seed", "1", "--run-id", "RCLI")
    assert result.code == 0, result.err
    assert "(8 statements)" in result.out
    assert TOKEN not in result.out + result.err


def test_cli_failure_is_one_line_without_the_token(
    monkeypatch: pytest.MonkeyPatch,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    use(monkeypatch, FakeDatabricks(fail=lambda number, _sql: number == 3))
    result = run_cli("--database-url", FAKE_URL, "--run-id", "RCLI")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("error: run RCLI failed and its rows were removed")
    assert TOKEN not in result.out + result.err


def test_runs_and_purge_on_databricks(monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    """`seed runs` and `seed purge` through the real dialect: the ledger lists both runs, and a
    purge removes exactly one run's rows and ledger row."""
    fake = use(monkeypatch, FakeDatabricks())
    monkeypatch.setattr("seed.db.access.make_engine", lambda _url, _timeout: fake.engine())
    assert run_cli("--database-url", FAKE_URL, "--run-id", "RUNA").code == 0
    assert run_cli("--database-url", FAKE_URL, "--run-id", "RUNB", "--seed", "2").code == 0
    listed = run_cli("runs", "--database-url", FAKE_URL)
    assert listed.code == 0, listed.err
    assert "RUNA" in listed.out and "RUNB" in listed.out
    before = run_keys(fake)
    purged = run_cli("purge", "RUNB", "--yes", "--database-url", FAKE_URL)
    assert purged.code == 0, purged.err
    after = run_keys(fake)
    for name in TABLES:
        assert after[name] == {k for k in before[name] if not k.startswith("RUNB-")}, name
    assert fake.keys("seed_runs") == {"RUNA"}
    assert TOKEN not in listed.out + listed.err + purged.out + purged.err


def _budgets(fake: FakeDatabricks) -> list[tuple[str, float]]:
    rows = fake.twin.execute("SELECT id, budget_amount FROM budget_lines ORDER BY id")
    return [(key, float(amount)) for key, amount in rows]


def _second_run_statements() -> int:
    """How many statements the second run writes when nothing fails; it grows the budgets."""
    fake = FakeDatabricks()
    with pytest.MonkeyPatch.context() as patch:
        use(patch, fake)
        seed(make_url(FAKE_URL), "RUNA")
        budgets, fake.writes = _budgets(fake), 0
        seed(make_url(FAKE_URL), "RUNB", per_status=40)
    assert _budgets(fake) != budgets
    assert any(r.sql.startswith("UPDATE budget_lines") for r in fake.written()[-2:])
    return fake.writes


@pytest.mark.parametrize("from_end", [1, 0])
def test_a_failed_run_sets_back_the_budgets_of_the_project_it_reused(
    monkeypatch: pytest.MonkeyPatch, url: URL, from_end: int
) -> None:
    """Databricks commits the budget update at once, so a failure after it (the ledger's
    completion, the last statement) or at it must set the reused lines' budgets back."""
    failing = _second_run_statements() - from_end
    armed: list[bool] = []
    fake = use(monkeypatch, FakeDatabricks(fail=lambda n, _sql: bool(armed) and n == failing))
    seed(url, "RUNA")
    before, budgets = run_keys(fake), _budgets(fake)
    fake.writes = 0
    armed.append(True)
    with pytest.raises(SeedError, match="run RUNB failed and its rows were removed"):
        seed(url, "RUNB", per_status=40)
    assert run_keys(fake) == before
    assert _budgets(fake) == budgets

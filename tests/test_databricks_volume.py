"""The Volume load through the real dialect, a fake connection and a fake Files API: a fixed
handful of statements whatever the volume, parents first, every one parsed by sqlglot, the same
rows as the statements path, staged files removed, and after a failure at any step no rows and
no files of the run."""

from datetime import date
from typing import Any

import pytest
import sqlglot
from databricks.sdk.errors import PermissionDenied
from sqlalchemy import URL, make_url
from sqlglot import expressions as exp

from models import TABLES
from seed.errors import SeedError, UsageError
from seed.generate.options import SeedOptions
from seed.run import RunSettings, SeedReport, seed_run
from tests.fake_databricks import TOKEN, FakeDatabricks
from tests.fake_databricks import URL as FAKE_URL
from tests.fake_volume import VOLUME, injected

AS_OF = date(2026, 11, 24)


@pytest.fixture
def url() -> URL:
    return make_url(FAKE_URL)


def use(monkeypatch: pytest.MonkeyPatch, fake: FakeDatabricks, file_bytes: int = 0) -> None:
    for target in ("seed.targets.databricks", "seed.targets.databricks_volume"):
        monkeypatch.setattr(f"{target}.make_engine", lambda _url: fake.engine())
    monkeypatch.setattr("seed.targets.databricks_volume.volume_files", lambda _url: fake.volume)
    if file_bytes:
        monkeypatch.setattr("seed.targets.databricks_volume.STAGED_FILE_BYTES", file_bytes)


def seed(
    url: URL, run_id: str, per_status: int = 2, load: str = "volume", **options: Any
) -> SeedReport:
    """A run in chunks of 100 invoices, so small file bounds give several files per table."""
    run = SeedOptions(seed=7, as_of=AS_OF, per_status=per_status, **options)
    return seed_run(url, run, RunSettings(run_id, chunk_size=100, load=load, volume=VOLUME))


def twin_rows(fake: FakeDatabricks) -> dict[str, list[tuple[Any, ...]]]:
    return {name: fake.rows(name) for name in TABLES}


def outcome(fake: FakeDatabricks, run_id: str) -> tuple[str, ...] | None:
    query = "SELECT outcome FROM seed_runs WHERE run_id = ?"
    found: tuple[str, ...] | None = fake.twin.execute(query, (run_id,)).fetchone()
    return found


@pytest.mark.parametrize("per_status", [2, 300])
def test_seven_statements_whatever_the_volume(
    monkeypatch: pytest.MonkeyPatch, url: URL, per_status: int
) -> None:
    fake = FakeDatabricks()
    use(monkeypatch, fake, file_bytes=20_000)
    report = seed(url, "RV", per_status)
    written = fake.written()
    assert report.statements == len(written) == 7
    targets = [(type(r.parsed).__name__, r.parsed.find(exp.Table).name) for r in written]  # type: ignore[union-attr]
    assert targets == [
        ("Insert", "seed_runs"),
        *[("Copy", name) for name in TABLES],
        ("Update", "seed_runs"),
    ]
    for recorded in written:  # parsed by sqlglot into real statements, with no parameters
        assert recorded.parsed is not None and not isinstance(recorded.parsed, exp.Command)
        assert not recorded.parameters
    uploads = [path for operation, path in fake.volume.operations if operation == "upload"]
    assert all(p.startswith(f"{VOLUME}/RV/") and p.endswith(".parquet") for p in uploads)
    tables_with_several = {p.split("/")[-2] for p in uploads if "part-00001" in p}
    assert ("invoice_lines" in tables_with_several) == (per_status == 300)
    assert f"loaded from {len(uploads)} Parquet files staged in {VOLUME}/RV" in report.database
    assert fake.volume.under(VOLUME) == []  # staged files and folders removed
    assert {name: len(fake.keys(name)) for name in TABLES} == dict(report.result.rows)
    assert outcome(fake, "RV") == ("complete",)


def test_the_same_rows_as_the_statements_path(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    """Two runs on one project through each path. The project's budgets are cut to 1,000 in
    between, so the second run raises the reused lines: the Volume path does it in one UPDATE."""
    through_volume, through_statements = FakeDatabricks(), FakeDatabricks()
    for fake, load in ((through_volume, "volume"), (through_statements, "statements")):
        use(monkeypatch, fake, file_bytes=20_000)
        seed(url, "RS", 10, load=load)
        fake.twin.execute("UPDATE budget_lines SET budget_amount = 1000")
        seed(url, "RS2", 10, load=load)
    assert twin_rows(through_volume) == twin_rows(through_statements)
    updates = [r for r in through_volume.written() if r.sql.startswith("UPDATE budget_lines")]
    assert len(updates) == 1


def test_copy_into_twice_loads_nothing_twice(monkeypatch: pytest.MonkeyPatch, url: URL) -> None:
    """A COPY INTO sent again (a retry) skips the files it loaded: the fake keeps COPY INTO's
    load history the way Databricks does, and our statements rely on it."""
    fake = FakeDatabricks()
    use(monkeypatch, fake)
    seed(url, "RI")
    before = twin_rows(fake)
    fake.volume.files.update(fake.volume.uploaded)  # the staged files, back again
    copies = [r.sql for r in fake.written() if r.sql.startswith("COPY INTO")]
    with fake.engine().connect() as connection:
        for sql in copies:
            assert connection.exec_driver_sql(sql).rowcount == 0
    assert twin_rows(fake) == before


def _clean_run_operations(monkeypatch: pytest.MonkeyPatch, url: URL) -> int:
    fake = FakeDatabricks()
    use(monkeypatch, fake, file_bytes=20_000)
    seed(url, "RB", 60)
    return len(fake.volume.operations)


@pytest.mark.parametrize("number", range(1, 8))
def test_a_failed_statement_leaves_no_rows_and_no_files(
    monkeypatch: pytest.MonkeyPatch, url: URL, number: int
) -> None:
    _check_failure(monkeypatch, url, statement=number)


def test_a_failed_file_operation_at_any_step_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, url: URL
) -> None:
    operations = _clean_run_operations(monkeypatch, url)
    assert operations > 12  # several uploads, deletes and folder deletes
    for number in range(1, operations + 1):
        _check_failure(monkeypatch, url, file_operation=number)


def _check_failure(
    monkeypatch: pytest.MonkeyPatch, url: URL, statement: int = 0, file_operation: int = 0
) -> None:
    armed: list[bool] = []
    fake = FakeDatabricks(fail=lambda n, _sql: bool(armed) and n == statement)
    use(monkeypatch, fake, file_bytes=20_000)
    seed(url, "RA", project_number="PROJ-A")  # another run, which must survive
    before = twin_rows(fake)
    fake.writes = 0
    fake.volume.operations.clear()
    fake.volume.fail = injected(file_operation)
    armed.append(True)
    with pytest.raises(SeedError) as raised:
        seed(url, "RB", 60)
    message = str(raised.value)
    assert message.startswith("run RB failed and its rows and staged files were removed"), message
    assert "INJECTED_FAILURE" in message and TOKEN not in message
    assert twin_rows(fake) == before
    assert fake.volume.under(VOLUME) == []
    assert outcome(fake, "RB") == (None if statement == 1 else ("failed",))


def test_a_failed_cleanup_names_the_purge_and_the_folder(
    monkeypatch: pytest.MonkeyPatch, url: URL
) -> None:
    def fail(_number: int, operation: str, path: str) -> Exception | None:
        return PermissionDenied("[INJECTED_FAILURE] no delete") if operation != "upload" else None

    fake = FakeDatabricks(fail=lambda n, sql: n == 4 or sql.startswith("DELETE"))
    fake.volume.fail = fail
    use(monkeypatch, fake)
    with pytest.raises(SeedError) as raised:
        seed(url, "RC")
    message = str(raised.value)
    assert "cleaning up failed too" in message
    assert "`seed purge RC --target databricks`" in message
    assert f"delete that folder (databricks fs rm -r dbfs:{VOLUME}/RC)" in message
    assert outcome(fake, "RC") == ("incomplete",)


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (
            PermissionDenied(
                "User does not have WRITE VOLUME on Volume 'main.holdbusters.staging'"
            ),
            "no WRITE VOLUME privilege on main.holdbusters.staging: ask its owner to run "
            "GRANT READ VOLUME, WRITE VOLUME ON VOLUME main.holdbusters.staging TO `<you>`",
        ),
        (
            PermissionDenied("Presigned URLs are not enabled for this workspace"),
            f"the workspace refused an upload to {VOLUME} through a presigned URL",
        ),
    ],
    ids=["no-write-volume", "presigned-urls-disabled"],
)
def test_refused_uploads_are_one_line(
    monkeypatch: pytest.MonkeyPatch,
    run_cli,  # type: ignore[no-untyped-def]
    error: Exception,
    says: str,
) -> None:
    fake = FakeDatabricks()
    fake.volume.fail = lambda _n, operation, _p: error if operation == "upload" else None
    use(monkeypatch, fake)
    shown = run_cli("--database-url", FAKE_URL, "--load", "volume", "--volume", VOLUME)
    assert shown.code == 1
    assert shown.err.count("\n") == 1 and says in shown.err, shown.err
    assert "failed and its rows and staged files were removed" in shown.err
    assert TOKEN not in shown.err + shown.out
    assert all(not rows for rows in twin_rows(fake).values())


def test_a_missing_volume_is_refused_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    fake = FakeDatabricks()
    use(monkeypatch, fake)
    missing = "/Volumes/main/holdbusters/nope"
    shown = run_cli("--database-url", FAKE_URL, "--load", "volume", "--volume", missing)
    assert shown.code == 1
    assert shown.err == (
        f"error: the Volume {missing} does not exist (or this user cannot see it): create it "
        "with CREATE VOLUME main.holdbusters.nope, or set --volume / DATABRICKS_VOLUME to one "
        "that exists\n"
    )
    assert fake.written() == [] and fake.volume.operations == []


def test_a_project_name_the_reused_project_lacks_is_refused(
    monkeypatch: pytest.MonkeyPatch, url: URL
) -> None:
    """As on every other path: --project-name only names a new project, never ignored."""
    fake = FakeDatabricks()
    use(monkeypatch, fake)
    seed(url, "RFIRST")
    before, operations = twin_rows(fake), len(fake.volume.operations)
    with pytest.raises(UsageError, match="--project-name only names a new project"):
        seed(url, "RSECOND", project_name="Another name")
    assert twin_rows(fake) == before and len(fake.volume.operations) == operations


def test_cli_loads_through_the_volume(monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    fake = FakeDatabricks()
    use(monkeypatch, fake)
    monkeypatch.setenv("DATABRICKS_VOLUME", VOLUME)
    shown = run_cli("--database-url", FAKE_URL, "--load", "volume", "--run-id", "RCLI")
    assert shown.code == 0, shown.err
    out = " ".join(shown.out.split())
    assert "(7 statements)" in out
    assert f"loaded from 5 Parquet files staged in {VOLUME}/RCLI" in out


def test_sqlglot_cannot_parse_the_connectors_staging_commands() -> None:
    """Why uploads go through the Files API and not PUT/REMOVE statements (among other
    reasons, see seed.databricks.volume): sqlglot could not check them."""
    for command in ("PUT '__input_stream__' INTO '/Volumes/a/b/c/f.parquet'", "REMOVE '/x'"):
        with pytest.raises(sqlglot.errors.ParseError):
            sqlglot.parse_one(command, read="databricks")

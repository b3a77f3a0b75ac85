"""`seed verify` passes on seeded databases and names the check and the rows that break one."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, make_url, text

from seed.domain.holds import HOLD_REASONS
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.verify import all_checks
from tests.scenario_data import AS_OF, seed_every_scenario
from tests.support import cli_command, on_a_terminal, url_arg


def _verify(run_cli, url: URL):  # type: ignore[no-untyped-def]
    return run_cli("verify", "--database-url", url_arg(url))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_passes_on_seeded_databases(db_url: URL, run_cli, seed: int) -> None:  # type: ignore[no-untyped-def]
    seed_every_scenario(db_url, seed=seed, per_status=12)
    result = _verify(run_cli, db_url)
    assert result.code == 0, result.out + result.err
    assert f"{len(all_checks())} of {len(all_checks())} checks passed" in result.out
    assert "FAIL" not in result.out


@pytest.mark.parametrize("scenario", [s.option_name for s in HOLD_REASONS])
def test_passes_on_each_hold_reason_alone(sqlite_url: URL, run_cli, scenario: str) -> None:  # type: ignore[no-untyped-def]
    args = ["--database-url", url_arg(sqlite_url), "--as-of", AS_OF.isoformat(), "--quiet"]
    seeded = run_cli(*args, "--per-status", "6", "--hold-reason", scenario, "--seed", "9")
    assert seeded.code == 0, seeded.err
    result = _verify(run_cli, sqlite_url)
    assert result.code == 0, result.out


def test_passes_on_a_single_vendor_and_po_and_a_low_limit(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    options = ["--vendor", "Acme Rentals", "--po", "PO-1", "--approval-limit", "2000"]
    seeded = run_cli("--database-url", url_arg(sqlite_url), "-n", "20", "-q", *options)
    assert seeded.code == 0, seeded.err
    assert _verify(run_cli, sqlite_url).code == 0


def test_refuses_a_database_without_the_tables(empty_sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    sqlite3.connect(str(empty_sqlite_url.database)).close()
    result = _verify(run_cli, empty_sqlite_url)
    assert result.code == 1
    assert "has no Hold Busters schema" in result.err or "has no table" in result.err


# One corruption per check: (SQL that finds the row the check must name, SQL that breaks it).
_HOLD = "SELECT id FROM invoices WHERE error_code = '{}' ORDER BY id LIMIT 1"
_STATUS = "SELECT id FROM invoices WHERE status = '{}' ORDER BY id LIMIT 1"
_RESPONSE = (
    "SELECT r.id, i.id AS invoice FROM integration_responses r JOIN invoices i "
    "ON i.id = r.invoice_id WHERE i.status = '{}' ORDER BY r.id LIMIT 1"
)
_ATTEMPT = (
    "SELECT r.id FROM integration_responses r "
    "WHERE json_extract(r.request_payload, '$.attempt') = {} ORDER BY r.id LIMIT 1"
)
_ERROR = "(SELECT json_extract(response_payload, '$.errors[0].{}') FROM integration_responses "
_ERROR += "WHERE invoice_id = :id)"

CORRUPTIONS: dict[str, tuple[str, list[str]]] = {
    "one project per project number": (
        "SELECT id FROM projects ORDER BY id LIMIT 1",
        [
            "INSERT INTO projects (id, project_number, name, company, currency, created_at) "
            "SELECT 'ZZ-P', project_number, name, company, currency, created_at FROM projects "
            "WHERE id = :id"
        ],
    ),
    "budget_lines.project_id resolves": (
        "SELECT id FROM budget_lines ORDER BY id LIMIT 1",
        ["UPDATE budget_lines SET project_id = 'gone' WHERE id = :id"],
    ),
    "invoices.project_id resolves": (
        _STATUS.format("Draft"),
        ["UPDATE invoices SET project_id = 'gone' WHERE id = :id"],
    ),
    "invoice_lines.budget_line_id resolves": (
        "SELECT id FROM invoice_lines WHERE budget_line_id IS NOT NULL ORDER BY id LIMIT 1",
        ["UPDATE invoice_lines SET budget_line_id = 'gone' WHERE id = :id"],
    ),
    "invoice_lines.invoice_id resolves": (
        "SELECT id FROM invoice_lines ORDER BY id LIMIT 1",
        ["UPDATE invoice_lines SET invoice_id = 'gone' WHERE id = :id"],
    ),
    "integration_responses.invoice_id resolves": (
        "SELECT id FROM integration_responses ORDER BY id LIMIT 1",
        ["UPDATE integration_responses SET invoice_id = 'gone' WHERE id = :id"],
    ),
    "lines numbered 1..n": (
        _STATUS.format("Paid"),
        ["UPDATE invoice_lines SET line_number = 11 WHERE invoice_id = :id AND line_number = 1"],
    ),
    "lines sum to the total": (
        _STATUS.format("Approved"),
        ["UPDATE invoices SET total_amount = total_amount + 1 WHERE id = :id"],
    ),
    "quantity x price = amount": (
        "SELECT id FROM invoice_lines ORDER BY id LIMIT 1",
        ["UPDATE invoice_lines SET quantity = quantity + 1 WHERE id = :id"],
    ),
    "budget line of the invoice's project": (
        "SELECT l.id, b.id AS other FROM invoice_lines l JOIN budget_lines b "
        "ON b.cost_category <> l.cost_category ORDER BY l.id, b.id LIMIT 1",
        ["UPDATE invoice_lines SET budget_line_id = :other WHERE id = :id"],
    ),
    "unbudgeted lines are held": (
        "SELECT l.id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
        "WHERE i.status = 'Paid' ORDER BY l.id LIMIT 1",
        ["UPDATE invoice_lines SET budget_line_id = NULL WHERE id = :id"],
    ),
    "budget utilisation": (
        "SELECT b.id FROM budget_lines b JOIN invoice_lines l ON l.budget_line_id = b.id "
        "JOIN invoices i ON i.id = l.invoice_id WHERE i.status = 'Paid' ORDER BY b.id LIMIT 1",
        ["UPDATE budget_lines SET budget_amount = 1000.00 WHERE id = :id"],
    ),
    "status and integration status": (
        _STATUS.format("Approved"),
        ["UPDATE invoices SET integration_status = 'Pending' WHERE id = :id"],
    ),
    "error exactly on Hold": (
        _HOLD.format("PO_MISMATCH"),
        ["UPDATE invoices SET error_message = NULL WHERE id = :id"],
    ),
    "known Hold reason": (
        _HOLD.format("PO_MISMATCH"),
        [
            "UPDATE invoices SET error_code = 'GREMLINS' WHERE id = :id",
            "UPDATE integration_responses SET error_code = 'GREMLINS' WHERE invoice_id = :id",
        ],
    ),
    "responses unless Draft": (
        _STATUS.format("Submitted"),
        ["DELETE FROM integration_responses WHERE invoice_id = :id"],
    ),
    "latest response fits the status": (
        _RESPONSE.format("Paid"),
        [
            "UPDATE integration_responses SET operation = 'CREATE', request_payload = "
            "json_set(request_payload, '$.operation', 'CREATE') WHERE id = :id"
        ],
    ),
    "latest error matches the invoice": (
        _RESPONSE.format("Paid"),
        ["UPDATE integration_responses SET error_details = 'late fee' WHERE id = :id"],
    ),
    "history in order": (
        _ATTEMPT.format(2),
        [
            "UPDATE integration_responses SET request_payload = "
            "json_set(request_payload, '$.attempt', 5) WHERE id = :id"
        ],
    ),
    "earlier attempts failed": (
        "SELECT r.id FROM integration_responses r JOIN integration_responses later "
        "ON later.invoice_id = r.invoice_id AND json_extract(later.request_payload, '$.attempt') "
        "= 2 WHERE json_extract(r.request_payload, '$.attempt') = 1 ORDER BY r.id LIMIT 1",
        ["UPDATE integration_responses SET error_code = 'GREMLINS' WHERE id = :id"],
    ),
    "payloads match the response row": (
        _RESPONSE.format("Paid"),
        [
            "UPDATE integration_responses SET response_payload = "
            "json_set(response_payload, '$.correlationId', '0') WHERE id = :id"
        ],
    ),
    "request carries the invoice": (
        _RESPONSE.format("Approved"),
        ["UPDATE invoices SET vendor_name = 'Someone Else LLC' WHERE id = :invoice"],
    ),
    "dates of the status": (
        _STATUS.format("Submitted"),
        ["UPDATE invoices SET paid_at = submitted_at WHERE id = :id"],
    ),
    "dates in order": (
        _STATUS.format("Paid"),
        ["UPDATE invoices SET due_date = date(invoice_date, '-1 day') WHERE id = :id"],
    ),
    "business days": (
        _STATUS.format("Paid"),
        ["UPDATE invoices SET paid_at = '2026-11-21 15:00:00.000000' WHERE id = :id"],
    ),
    "due date from the terms": (
        _STATUS.format("Approved"),
        ["UPDATE invoices SET due_date = date(due_date, '+1 day') WHERE id = :id"],
    ),
    "response after request": (
        _RESPONSE.format("Approved"),
        ["UPDATE integration_responses SET responded_at = requested_at WHERE id = :id"],
    ),
    "days pending": (
        _STATUS.format("Approved"),
        ["UPDATE invoices SET days_pending = days_pending + 1 WHERE id = :id"],
    ),
    "Hold VENDOR_NOT_FOUND": (
        "SELECT h.id, a.id AS accepted FROM invoices h, invoices a WHERE "
        "h.error_code = 'VENDOR_NOT_FOUND' AND a.status = 'Approved' ORDER BY h.id, a.id LIMIT 1",
        [
            "UPDATE invoices SET vendor_id = (SELECT vendor_id FROM invoices WHERE id = :id) "
            "WHERE id = :accepted"
        ],
    ),
    "Hold BUDGET_LINE_NOT_FOUND": (
        "SELECT i.id, i.project_id AS project, l.cost_category AS category FROM invoices i "
        "JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.error_code = "
        "'BUDGET_LINE_NOT_FOUND' AND l.budget_line_id IS NULL ORDER BY i.id LIMIT 1",
        [
            "INSERT INTO budget_lines VALUES ('late-budget', :project, :category, '5900-00', "
            "'Added later', 1000.00, '2026-01-05 09:00:00.000000')"
        ],
    ),
    "Hold PO_MISMATCH": (
        _HOLD.format("PO_MISMATCH"),
        [
            "UPDATE invoices SET po_number = (SELECT json_extract(request_payload, '$.poNumber') "
            "FROM integration_responses WHERE invoice_id = :id) WHERE id = :id"
        ],
    ),
    "Hold APPROVAL_LIMIT_EXCEEDED": (
        _HOLD.format("APPROVAL_LIMIT_EXCEEDED"),
        [
            "UPDATE integration_responses SET response_payload = json_set(response_payload, "
            "'$.errors[0].limit', '9999999.00') WHERE invoice_id = :id"
        ],
    ),
    "Hold DUPLICATE_INVOICE": (
        _HOLD.format("DUPLICATE_INVOICE"),
        [
            "UPDATE invoices SET vendor_id = 'V-00001' WHERE invoice_number = "
            + _ERROR.format("duplicateOf")
        ],
    ),
    "Hold GL_PERIOD_CLOSED": (
        _HOLD.format("GL_PERIOD_CLOSED"),
        [
            "UPDATE integration_responses SET request_payload = json_set(request_payload, "
            "'$.postingDate', substr(requested_at, 1, 10)) WHERE invoice_id = :id"
        ],
    ),
    "Hold INVALID_TAX_CODE": (
        "SELECT h.id, l.id AS line FROM invoices h, invoice_lines l JOIN invoices a "
        "ON a.id = l.invoice_id WHERE h.error_code = 'INVALID_TAX_CODE' AND a.status = 'Paid' "
        "ORDER BY h.id, l.id LIMIT 1",
        ["UPDATE invoice_lines SET tax_code = " + _ERROR.format("value") + " WHERE id = :line"],
    ),
    "Hold reason coverage": (
        "SELECT run_id AS id FROM seed_runs WHERE run_id = 'RUNALL'",
        [
            "UPDATE invoices SET error_code = 'PO_MISMATCH' "
            "WHERE id LIKE 'RUNALL-I%' AND error_code IS NOT NULL"
        ],
    ),
    "Hold ERP_TIMEOUT": (
        _HOLD.format("ERP_TIMEOUT"),
        [
            "UPDATE integration_responses SET responded_at = datetime(requested_at, '+2 seconds') "
            "WHERE invoice_id = :id"
        ],
    ),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with every status and Hold reason, copied by each corruption test."""
    from tests.support import migrate

    path = tmp_path_factory.mktemp("pristine") / "pristine.db"
    url = URL.create("sqlite", database=str(path))
    migrate(url)
    seed_every_scenario(url)
    return path


def test_the_readme_lists_every_check_with_its_rule() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for check in all_checks():
        assert f"| {check.name} | {check.rule} |" in readme, check.name


def test_every_check_has_a_corruption() -> None:
    assert sorted(CORRUPTIONS) == sorted(c.name for c in all_checks())


def test_the_pristine_database_passes(pristine: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "copy.db"
    shutil.copy(pristine, copy)
    assert _verify(run_cli, make_url(f"sqlite:///{copy}")).code == 0


@pytest.mark.parametrize("check", list(CORRUPTIONS))
def test_fails_naming_the_check_and_the_row(
    pristine: Path,
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
    check: str,
) -> None:
    copy = tmp_path / "corrupt.db"
    shutil.copy(pristine, copy)
    find, statements = CORRUPTIONS[check]
    with sqlite3.connect(copy) as connection:  # foreign keys off: as on Databricks
        connection.row_factory = sqlite3.Row
        target = dict(connection.execute(find).fetchone())
        for statement in statements:
            connection.execute(statement, target)
    result = _verify(run_cli, make_url(f"sqlite:///{copy}"))
    assert result.code == 1, result.out
    failure = [line for line in result.out.splitlines() if line.startswith(f"FAIL {check}:")]
    assert len(failure) == 1, result.out
    assert target["id"] in failure[0]


@pytest.mark.postgres
def test_fails_on_postgresql_too(pg_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    seed_every_scenario(pg_url, per_status=4)
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        hold = connection.execute(text(_HOLD.format("PO_MISMATCH"))).scalar_one()
        connection.execute(
            text(
                "UPDATE invoices SET po_number = CAST(r.request_payload AS JSON) ->> 'poNumber' "
                "FROM integration_responses r WHERE r.invoice_id = invoices.id "
                "AND invoices.id = :id"
            ),
            {"id": hold},
        )
        approved = connection.execute(text(_STATUS.format("Approved"))).scalar_one()
        connection.execute(
            text("UPDATE invoices SET total_amount = total_amount + 0.01 WHERE id = :id"),
            {"id": approved},
        )
    engine.dispose()
    result = _verify(run_cli, pg_url)
    assert result.code == 1
    lines = result.out.splitlines()
    assert any(line.startswith("FAIL Hold PO_MISMATCH:") and hold in line for line in lines)
    assert any(
        line.startswith("FAIL lines sum to the total:") and approved in line for line in lines
    )


def test_passes_on_a_database_another_process_filled(
    pristine: Path,
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
) -> None:
    """Tables made without Alembic (no version table), rows copied in by someone else."""
    from sqlalchemy import insert

    from models import TABLES, Base
    from tests.helpers import read_tables

    rows = read_tables(make_url(f"sqlite:///{pristine}"))
    other = make_url(f"sqlite:///{tmp_path / 'other.db'}")
    engine = create_engine(other)
    with engine.begin() as connection:
        Base.metadata.create_all(connection, tables=list(TABLES.values()))
        for name, table in TABLES.items():
            connection.execute(insert(table), rows[name])
    engine.dispose()
    result = _verify(run_cli, other)
    assert result.code == 0, result.out + result.err


@pytest.mark.parametrize("command", ["verify", "report"])
def test_a_missing_database_file_is_reported_and_not_created(
    tmp_path: Path,
    run_cli,  # type: ignore[no-untyped-def]
    command: str,
) -> None:
    path = tmp_path / "nope.db"
    result = run_cli(command, "--database-url", f"sqlite:///{path}")
    assert result.code == 1
    assert result.err.startswith(f"error: no database at {path}: run `seed migrate`")
    assert result.err.count("\n") == 1
    assert not path.exists()


def test_progress_on_a_terminal_only(sqlite_url: URL) -> None:
    seed_run(sqlite_url, SeedOptions(seed=2, as_of=AS_OF, per_status=2), RunSettings("RPROG"))
    code, shown = on_a_terminal(cli_command("verify", "--database-url", url_arg(sqlite_url)))
    assert code == 0, shown
    assert "verifying" in shown and f"/{len(all_checks())}" in shown
    code, shown = on_a_terminal(cli_command("verify", "--database-url", url_arg(sqlite_url), "-q"))
    assert code == 0 and shown == ""


def test_interrupting_verify_says_nothing_changed(
    sqlite_url: URL,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("seed.verify.run_check", interrupted)
    result = run_cli("verify", "--database-url", url_arg(sqlite_url))
    assert result.code == 130
    assert result.err == "error: interrupted: nothing was changed\n"

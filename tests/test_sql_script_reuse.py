"""SQL scripts reuse the project as a direct run does, and verify finds a project number used by
two projects."""

import sqlite3

from sqlalchemy import URL

from tests.support import url_arg


def test_verify_finds_a_project_number_used_twice(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = ("--database-url", url_arg(sqlite_url))
    assert run_cli(*db, "-n", "1", "--run-id", "RONE", "-q").code == 0
    with sqlite3.connect(str(sqlite_url.database)) as connection:
        connection.execute(
            "INSERT INTO projects (id, project_number, name, company, currency, created_at) "
            "SELECT 'RTWO-P', project_number, name, company, currency, created_at FROM projects"
        )
    result = run_cli("verify", *db)
    assert result.code == 1
    assert (
        "FAIL one project per project number: no two projects have the same project number; "
        "2 projects row(s), e.g. RONE-P, RTWO-P"
    ) in " ".join(result.out.split())

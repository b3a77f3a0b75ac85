"""The checks compile for Databricks (offline, with the real dialect) into SQL sqlglot parses."""

import pytest
import sqlglot
from databricks.sqlalchemy import DatabricksDialect
from sqlalchemy.dialects import postgresql, sqlite

from seed.verify import all_checks, examples_statement, summary_statement

CHECKS = all_checks()


@pytest.mark.parametrize("check", CHECKS, ids=[c.name for c in CHECKS])
def test_statements_compile_for_databricks_and_parse(check) -> None:  # type: ignore[no-untyped-def]
    for statement in (summary_statement(check), examples_statement(check, 5)):
        sql = str(
            statement.compile(dialect=DatabricksDialect(), compile_kwargs={"literal_binds": True})
        )
        assert "json_extract" not in sql and "::" not in sql and "julianday" not in sql
        sqlglot.parse_one(sql, read="databricks")


def test_json_and_dates_render_per_dialect() -> None:
    (gl,) = [c for c in CHECKS if c.name == "Hold GL_PERIOD_CLOSED"]
    (days,) = [c for c in CHECKS if c.name == "days pending"]
    expected = {
        "databricks": ("get_json_object(", "datediff("),
        "postgresql": (" AS JSON) #>> '{postingDate}'", " AS DATE) - CAST("),
        "sqlite": ("json_extract(", "julianday(date("),
    }
    for dialect in (DatabricksDialect(), postgresql.dialect(), sqlite.dialect()):
        json_part, days_part = expected[dialect.name]
        assert json_part in str(gl.query.compile(dialect=dialect))
        assert days_part in str(days.query.compile(dialect=dialect))

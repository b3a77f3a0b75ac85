"""The schema on Databricks, proven offline: the real dialect's DDL (from the models and from
`alembic upgrade head --sql`) parses with sqlglot into real statements, matches a snapshot, and
keeps every named primary and foreign key."""

import os
from datetime import date
from pathlib import Path

import pytest
import sqlglot
from alembic import command
from alembic.config import Config
from sqlalchemy import Date, DateTime, Integer, Numeric, String
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateTable
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlglot import expressions as exp

from models import Base
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.fake_databricks import TOKEN, URL, FakeDatabricks
from tests.support import ROOT, migration_sql

SNAPSHOTS = Path(__file__).parent / "snapshots"
DIALECT = make_url(URL).get_dialect()()


def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/NAME; UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed: review, then UPDATE_SNAPSHOTS=1"
    )


def parse_all(script: str) -> list[exp.Expression]:
    parsed = [e for e in sqlglot.parse(script, read="databricks") if e is not None]
    opaque = [e.sql() for e in parsed if isinstance(e, exp.Command)]
    assert opaque == [], f"sqlglot could not parse: {opaque}"
    return parsed


def tables_of(parsed: list[exp.Expression]) -> dict[str, exp.Create]:
    return {e.this.this.name: e for e in parsed if isinstance(e, exp.Create) and e.kind == "TABLE"}


def migration_script() -> str:
    return migration_sql(URL)


def models_script() -> str:
    return "".join(
        f"{str(CreateTable(table).compile(dialect=DIALECT)).strip()};\n\n"
        for table in Base.metadata.sorted_tables
    )


def test_models_ddl_parses_and_matches_the_snapshot() -> None:
    script = models_script()
    tables = tables_of(parse_all(script))
    assert set(tables) == set(Base.metadata.tables)
    check_snapshot("databricks_models.sql", script)


def test_migration_script_parses_and_matches_the_snapshot() -> None:
    script = migration_script()
    assert TOKEN not in script
    parsed = parse_all(script)
    assert set(tables_of(parsed)) == set(Base.metadata.tables) | {"alembic_version"}
    assert [e.sql("databricks", comments=False) for e in parsed if isinstance(e, exp.Update)] == [
        f"UPDATE alembic_version SET version_num = '{new}' "
        f"WHERE alembic_version.version_num = '{old}'"
        for old, new in (("0001", "0002"), ("0002", "0003"))
    ]
    check_snapshot("databricks_migration.sql", script)


def test_migration_creates_what_the_models_describe() -> None:
    migrated = tables_of(parse_all(migration_script()))
    for name, create in tables_of(parse_all(models_script())).items():
        assert migrated[name].sql("databricks", comments=False) == create.sql("databricks"), name


@pytest.mark.parametrize("table", sorted(Base.metadata.tables))
def test_delta_tables_with_named_keys_and_databricks_types(table: str) -> None:
    create = tables_of(parse_all(migration_script()))[table]
    sql = create.sql("databricks")
    assert "USING DELTA" in sql
    assert f"CONSTRAINT pk_{table} PRIMARY KEY" in sql
    for fk in Base.metadata.tables[table].foreign_key_constraints:
        assert f"CONSTRAINT {fk.name} FOREIGN KEY" in sql
    kinds = {
        col.this.name: col.args["kind"].sql("databricks") for col in create.find_all(exp.ColumnDef)
    }
    for column in Base.metadata.tables[table].columns:
        assert kinds[column.name] == expected_type(column.type), column


def expected_type(sql_type: TypeEngine[object]) -> str:
    """What Databricks must store each of our portable types as."""
    if isinstance(sql_type, TypeDecorator):
        return expected_type(sql_type.impl_instance)
    if isinstance(sql_type, DateTime):
        return "TIMESTAMP_NTZ"
    if isinstance(sql_type, Numeric):
        return f"DECIMAL({sql_type.precision}, {sql_type.scale})"
    names = {Date: "DATE", String: "STRING", Integer: "INT"}
    return next(name for kind, name in names.items() if isinstance(sql_type, kind))


def test_alembic_upgrade_online_then_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """`alembic -x target=databricks upgrade head` through the real dialect and Alembic's
    Databricks impl on the fake driver, then a run on the schema it made."""
    fake = FakeDatabricks(schema=False)
    engine = fake.engine()
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    created = [r.parsed for r in fake.written() if isinstance(r.parsed, exp.Create)]
    assert {c.this.this.name for c in created} == set(Base.metadata.tables) | {"alembic_version"}
    assert fake.twin.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]

    monkeypatch.setattr("seed.targets.databricks.make_engine", lambda _url: fake.engine())
    options = SeedOptions(seed=3, as_of=date(2026, 11, 24), per_status=1)
    report = seed_run(make_url(URL), options, RunSettings("RMIG"))
    assert report.statements == 8  # ledger, five tables, budgets, completion
    assert len(fake.keys("invoices")) == 5

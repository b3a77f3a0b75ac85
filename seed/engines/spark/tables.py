"""The schema on Spark: the models' tables in the catalog's default format (Parquet on local
Spark and a plain Spark Connect server), made once.

Alembic cannot migrate a Spark catalog (no Delta, so no constraints), so ``seed --engine spark``
creates the tables itself from the models, in the types the Databricks dialect gives them (which
are Spark SQL's), and records the head revision in ``alembic_version`` as a migration would: the
same schema checks then hold for Spark as for every other database. On Databricks the tables
come from the migrations (``alembic upgrade head``) as for the SQL path.
"""

from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect

from models import Base
from seed.db.schema import head_revision


def _columns(table: Table, dialect: Dialect) -> str:
    quote = dialect.identifier_preparer.quote
    return ", ".join(
        f"{quote(column.name)} {column.type.compile(dialect=dialect)}" for column in table.columns
    )


def create_statements(schema: str, dialect: Dialect, existing: set[str]) -> list[str]:
    """A ``CREATE TABLE IF NOT EXISTS`` per model (and ``alembic_version``) not in ``existing``."""
    statements = [
        f"CREATE TABLE IF NOT EXISTS `{schema}`.`{table.name}` ({_columns(table, dialect)})"
        for table in Base.metadata.sorted_tables
        if table.name not in existing
    ]
    if "alembic_version" not in existing:
        statements.append(
            f"CREATE TABLE IF NOT EXISTS `{schema}`.`alembic_version` (`version_num` STRING)"
        )
    return statements


def ensure_schema(spark: Any, schema: str, dialect: Dialect) -> None:
    """Make the schema and its tables where missing, and record the migrations' head. One
    listing of the schema's tables first: each ``CREATE TABLE IF NOT EXISTS`` is a parse and a
    metastore call, and nearly every run finds all the tables there."""
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS `{schema}`")
    listed = spark.sql(f"SHOW TABLES IN `{schema}`").collect()
    existing = {name.lower() for _, name, temporary in listed if not temporary}
    for statement in create_statements(schema, dialect, existing):
        spark.sql(statement)
    spark.sql(f"USE `{schema}`")
    if not spark.sql("SELECT version_num FROM alembic_version").collect():
        spark.sql("INSERT INTO alembic_version VALUES (:head)", args={"head": head_revision()})

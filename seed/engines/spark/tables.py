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


def create_statements(schema: str, dialect: Dialect) -> list[str]:
    """``CREATE SCHEMA`` and a ``CREATE TABLE IF NOT EXISTS`` per model."""
    statements = [f"CREATE SCHEMA IF NOT EXISTS `{schema}`"]
    for table in Base.metadata.sorted_tables:
        statements.append(
            f"CREATE TABLE IF NOT EXISTS `{schema}`.`{table.name}` ({_columns(table, dialect)})"
        )
    statements.append(
        f"CREATE TABLE IF NOT EXISTS `{schema}`.`alembic_version` (`version_num` STRING)"
    )
    return statements


def ensure_schema(spark: Any, schema: str, dialect: Dialect) -> None:
    """Make the schema and its tables where missing, and record the migrations' head."""
    for statement in create_statements(schema, dialect):
        spark.sql(statement)
    spark.sql(f"USE `{schema}`")
    if not spark.sql("SELECT version_num FROM alembic_version").collect():
        spark.sql("INSERT INTO alembic_version VALUES (:head)", args={"head": head_revision()})

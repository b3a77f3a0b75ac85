"""SQLAlchemy's face of a Spark session: the Databricks dialect (Spark SQL is its language)
over ``seed.engines.spark.dbapi``. Registered as ``spark`` and ``spark.databricks``, so
``create_engine("spark:///holdbusters?warehouse=...")`` and every job of ours run on Spark.
"""

from types import ModuleType
from typing import Any

from databricks.sqlalchemy.base import DatabricksDialect
from sqlalchemy.engine import URL, Connection
from sqlalchemy.engine.interfaces import ReflectedColumn
from sqlalchemy.types import NullType

from seed.engines.spark.target import target_from_url


class SparkDialect(DatabricksDialect):
    """``name`` stays ``databricks``: our per-dialect SQL (JSON lookups, date differences,
    literals) is the same for Spark SQL."""

    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> ModuleType:
        from seed.engines.spark import dbapi

        return dbapi

    def create_connect_args(self, url: URL) -> Any:
        target = target_from_url(url)
        self.schema = target.schema
        self.catalog = target.databricks.catalog if target.databricks else "spark_catalog"
        self.paramstyle = self.default_paramstyle
        return [], {"target": target}

    def get_columns(
        self, connection: Connection, table_name: str, schema: str | None = None, **kw: Any
    ) -> list[ReflectedColumn]:
        """From ``DESCRIBE TABLE`` (the connector's metadata calls do not exist on Spark)."""
        rows = self._describe_table_extended(connection, table_name, schema_name=schema)
        columns: list[ReflectedColumn] = []
        for row in rows or []:
            name = row.get("col_name", "")
            if not name or name.startswith("#"):
                break  # the partition and detail sections follow the columns
            columns.append({"name": name, "type": NullType(), "nullable": True, "default": None})
        return columns

"""Copy-on-write for tables without row-level DELETE or UPDATE (Parquet on local Spark).

The rows to keep are first copied into a side table, then written over the table, so a table is
never read while it is overwritten (Spark refuses that) and a failure while overwriting leaves
the copy behind. On Delta, INSERT OVERWRITE is one atomic commit.
"""

import re
from typing import Any

_LAST_NAME = re.compile(r"`?(?P<name>[A-Za-z0-9_]+)`?$")


def side_table(table: str) -> str:
    """``invoices`` -> ``invoices__rewrite`` (in the same schema when ``table`` is qualified)."""
    match = _LAST_NAME.search(table)
    if match is None:
        raise ValueError(f"not a table name: {table}")
    return f"{table[: match.start()]}`{match['name']}__rewrite`"


def rewrite_table(
    spark: Any, table: str, select_sql: str, args: dict[str, Any] | None = None
) -> None:
    """Replace the rows of ``table`` with the result of ``select_sql`` (which may read it)."""
    side = side_table(table)
    spark.sql(f"DROP TABLE IF EXISTS {side}")
    spark.sql(f"CREATE TABLE {side} AS {select_sql}", args=args or None)
    spark.sql(f"INSERT OVERWRITE TABLE {table} SELECT * FROM {side}")
    spark.sql(f"DROP TABLE {side}")

"""Reading a database back for assertions."""

from typing import Any

from sqlalchemy import URL, create_engine, select

from models import TABLES


def read_tables(url: URL) -> dict[str, list[dict[str, Any]]]:
    """Every dashboard table's rows, ordered by key."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.id))]
                for name, t in TABLES.items()
            }
    finally:
        engine.dispose()


def strip_run(
    rows: dict[str, list[dict[str, Any]]], run_id: str
) -> dict[str, list[dict[str, Any]]]:
    """The rows with a run's id replaced in every key, to compare the content of two runs."""
    return {
        name: [
            {k: (v.replace(run_id, "RUN") if isinstance(v, str) else v) for k, v in row.items()}
            for row in table_rows
        ]
        for name, table_rows in rows.items()
    }

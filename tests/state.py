"""A database's whole state, to show that something left it exactly as it was."""

from pathlib import Path
from typing import Any

from sqlalchemy import URL, MetaData, create_engine, select


def snapshot(url: URL) -> Any:
    """SQLite: the file's bytes (None when it does not exist); otherwise every table's rows."""
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        return path.read_bytes() if path.exists() else None
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            metadata = MetaData()
            metadata.reflect(conn)
            return {
                name: sorted(tuple(map(str, row)) for row in conn.execute(select(table)))
                for name, table in metadata.tables.items()
            }
    finally:
        engine.dispose()

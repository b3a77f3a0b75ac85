"""Checks that the tables a run writes have the models' columns: someone (a dashboard, a person)
may have made or changed them outside the migrations."""

from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import NoSuchTableError

from models import Base
from seed.errors import SeedError

_FIX = "make it match the models (README, Data model) or seed another database"


def require_model_columns(connection: Connection, where: str) -> None:
    """Every model column must exist; an extra column is fine unless a row cannot omit it."""
    inspector = inspect(connection)
    for table in Base.metadata.tables.values():
        try:
            found = {column["name"].lower(): column for column in inspector.get_columns(table.name)}
        except NoSuchTableError:
            raise SeedError(f"{where} has no table {table.name}: {_FIX}") from None
        missing = [column.name for column in table.columns if column.name not in found]
        if missing:
            raise SeedError(
                f"table {table.name} in {where} lacks column {', '.join(missing)}: "
                f"it was not made by these migrations; {_FIX}"
            )
        required = [
            name
            for name, column in found.items()
            if name not in table.c
            and not column["nullable"]
            and column.get("default") is None
            and not column.get("autoincrement")
        ]
        if required:
            raise SeedError(
                f"table {table.name} in {where} has required column {', '.join(required)}, "
                f"which the seeder does not fill; {_FIX}"
            )

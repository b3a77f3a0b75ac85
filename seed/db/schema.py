"""Where the migrations are, and whether a database's schema is at their head."""

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

import migrations
from models import TABLES
from seed.errors import UPGRADE_HINT, SeedError


def migrations_dir() -> Path:
    return Path(migrations.__file__).parent


def alembic_config() -> Config:
    """An Alembic config for the shipped migrations, usable outside the repository too."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _dashboard_tables(connection: Connection) -> list[str]:
    """The dashboard's tables that exist. Best effort, as it only sharpens an error message: a
    driver that cannot list tables (some raise their own errors here) gets the plain message."""
    try:
        return sorted(set(inspect(connection).get_table_names()) & set(TABLES))
    except Exception:
        return []


def require_head(connection: Connection, where: str) -> None:
    """Refuse to write to a database whose schema is missing or behind the migrations."""
    current = current_revision(connection)
    head = head_revision()
    if current == head:
        return
    if current is None:
        if made_elsewhere := _dashboard_tables(connection):
            raise SeedError(
                f"{where} has tables {', '.join(made_elsewhere)} but no migration history: they "
                "were not made by these migrations; seed an empty database, or, if they match the "
                "models (README, Data model), record them with `alembic stamp head`"
            )
        raise SeedError(f"{where} has no Hold Busters schema: {UPGRADE_HINT}")
    known = {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }
    if current not in known:
        raise SeedError(
            f"{where} is at revision {current}, which this version of the tool does not know: "
            "upgrade the tool"
        )
    raise SeedError(f"{where} is at revision {current}, not {head}: {UPGRADE_HINT}")


def require_tables(connection: Connection, where: str) -> None:
    """The five tables must exist; a database migrated by us must be at the head revision.

    A database filled by another process may have the tables without Alembic's version table.
    """
    present = set(inspect(connection).get_table_names())
    migrated = "alembic_version" in present
    if migrated:
        require_head(connection, where)
    missing = [name for name in TABLES if name not in present]
    if missing and migrated:  # at head, so upgrading would do nothing: the history was stamped
        raise SeedError(
            f"{where} is recorded at revision {head_revision()} but has no table "
            f"{', '.join(missing)}: its tables were not made by these migrations (stamped?); "
            "create them as the models describe (README, Data model) or use another database"
        )
    if missing:
        raise SeedError(f"{where} has no table {', '.join(missing)}: {UPGRADE_HINT}")

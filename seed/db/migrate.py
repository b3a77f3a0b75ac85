"""Upgrading a database to the head of the shipped migrations.

`seed migrate` and `alembic upgrade head` (in a checkout) take the same path: the URL from
``seed.settings``, a connection from :func:`migration_connection`, and ``migrations/env.py``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Connection

from seed.db.engine import DEFAULT_LOCK_TIMEOUT, explained_errors, make_engine
from seed.db.extras import dialect_class
from seed.db.schema import alembic_config, current_revision, head_revision


@dataclass(frozen=True)
class Migration:
    """What an upgrade did: the revision before, and the revisions applied (id, title)."""

    before: str | None
    head: str
    applied: list[tuple[str, str]]


@contextmanager
def migration_connection(
    url: URL, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
) -> Iterator[Connection]:
    """A connection in one transaction; a database problem comes out as one ``SeedError``."""
    engine = make_engine(url, lock_timeout)
    try:
        with explained_errors(url, lock_timeout), engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def upgrade_database(url: URL, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Migration:
    """Upgrade ``url`` to head (a no-op when it is there already)."""
    config = alembic_config()
    with migration_connection(url, lock_timeout) as connection:
        before = current_revision(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    head = head_revision()
    scripts = ScriptDirectory.from_config(config).iterate_revisions(head, before)
    applied = [(s.revision, (s.doc or "").strip()) for s in reversed(list(scripts))]
    return Migration(before, head, applied)


def write_upgrade_script(url: URL, output: TextIO) -> None:
    """The SQL that upgrades an empty database of ``url``'s dialect to head (Alembic's offline
    mode), written to ``output``; nothing connects."""
    dialect_class(url.drivername)
    config = alembic_config()
    config.output_buffer = output
    config.attributes["url"] = url
    command.upgrade(config, "head", sql=True)

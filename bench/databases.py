"""Fresh migrated databases for each measurement: copies of a migrated SQLite file, PostgreSQL
databases made from a migrated template; each with or without the foreign-key indexes."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
#: The indexes revision 0003 adds on the foreign-key columns (SQLite and PostgreSQL).
FK_INDEX_PREFIX = "ix_"


def clean_up_on_sigterm() -> None:
    """Make SIGTERM (``kill``, ``timeout``) unwind the benchmark as Ctrl-C does, so that its
    ``finally`` blocks drop the scratch databases and folders; by default SIGTERM ends the
    process on the spot and leaves them on the server."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


class Targets:
    """Templates made once per benchmark; ``sqlite()`` / ``postgres()`` give a fresh copy.

    ``indexes=False`` gives the schema without the foreign-key indexes: the strongest floor's.
    """

    def __init__(self, pg_url: URL | None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="seed-bench-"))
        self.templates = {True: self.folder / "template.db", False: self.folder / "bare.db"}
        _migrate(f"sqlite:///{self.templates[True]}")
        shutil.copyfile(self.templates[True], self.templates[False])
        with sqlite3.connect(self.templates[False]) as conn:
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ?",
                (f"{FK_INDEX_PREFIX}%",),
            ).fetchall():
                conn.execute(f'DROP INDEX "{name}"')
        self.pg_url = pg_url
        self.pg_templates = {
            True: f"seed_bench_template_{os.getpid()}",
            False: f"seed_bench_bare_{os.getpid()}",
        }
        if pg_url is not None:
            self._pg_templates(pg_url)

    def _pg_templates(self, pg_url: URL) -> None:
        self._pg(f'CREATE DATABASE "{self.pg_templates[True]}"')
        _migrate(pg_url.set(database=self.pg_templates[True]).render_as_string(False))
        bare, full = self.pg_templates[False], self.pg_templates[True]
        self._pg(f'CREATE DATABASE "{bare}" TEMPLATE "{full}"')
        engine = create_engine(pg_url.set(database=bare))
        with engine.begin() as conn:
            names = conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE indexname LIKE :prefix"),
                {"prefix": f"{FK_INDEX_PREFIX}%"},
            ).scalars()
            for name in list(names):
                conn.execute(text(f'DROP INDEX "{name}"'))
        engine.dispose()

    def sqlite(self, indexes: bool = True) -> str:
        path = self.folder / "run.db"
        shutil.copyfile(self.templates[indexes], path)
        return str(path)

    def postgres(self, indexes: bool = True) -> str:
        assert self.pg_url is not None
        self._pg('DROP DATABASE IF EXISTS "seed_bench_run" WITH (FORCE)')
        self._pg(f'CREATE DATABASE "seed_bench_run" TEMPLATE "{self.pg_templates[indexes]}"')
        return self.pg_url.set(database="seed_bench_run").render_as_string(False)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.pg_url is not None:
            self._pg('DROP DATABASE IF EXISTS "seed_bench_run" WITH (FORCE)')
            for name in self.pg_templates.values():
                self._pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _pg(self, statement: str) -> None:
        assert self.pg_url is not None
        engine = create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(statement))
        engine.dispose()


@contextmanager
def scratch_database(admin: URL | None, folder: Path, name: str) -> Iterator[URL]:
    """A new, empty database: a SQLite file in ``folder``, or a PostgreSQL database made on
    ``admin``'s server and dropped afterwards (``admin``'s own database is not touched)."""
    if admin is None:
        yield make_url(f"sqlite:///{folder / name}.db")
        return
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _migrate(url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "alembic", "-x", f"url={url}", "upgrade", "head"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

"""`seed migrate`: creates or upgrades the schema of the database `seed` writes to."""

import sys
from typing import Annotated

import typer

from seed.cli.console import stdout_console
from seed.cli.interrupt import interrupting_means
from seed.cli.options import DatabaseUrlOption, LockTimeoutOption, TargetOption, database_url
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.db.migrate import upgrade_database, write_upgrade_script
from seed.settings import mask_url


def migrate(
    database_url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    sql: Annotated[
        bool,
        typer.Option("--sql", help="Print the SQL that creates the schema instead of running it."),
    ] = False,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Create the schema, or upgrade it to the latest revision, in the database that `seed`
    writes to (the same --database-url, --target and DATABASE_URL), with the migrations shipped
    in the package. Running it again changes nothing. In a checkout, `alembic upgrade head`
    does the same.

    Example: seed migrate --database-url sqlite:///holdbusters.db
    """
    url = database_url(database_url_text, target)
    if sql:
        write_upgrade_script(url, sys.stdout)
        return
    interrupting_means(
        "the migration stopped part-way: run `seed migrate` again to finish"
        if url.get_backend_name() == "databricks"
        else "the migration was rolled back; the database is as it was"
    )
    migration = upgrade_database(url, lock_timeout)
    console = stdout_console()
    where = mask_url(url)
    if not migration.applied:
        console.print(f"{where} is already at the latest revision ({migration.head}).")
        return
    start = f"revision {migration.before}" if migration.before else "an empty schema"
    console.print(f"Migrated {where} from {start} to {migration.head} (latest):")
    for revision, title in migration.applied:
        console.print(f"  {revision}  {title}")

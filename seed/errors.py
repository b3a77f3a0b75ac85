"""Errors a user can fix: the CLI prints their message as one line, never a traceback."""

#: What to do about a database whose schema is missing or behind the migrations.
UPGRADE_HINT = (
    "run `seed migrate` (or `alembic upgrade head` in a checkout) with the same database URL first"
)


class SeedError(Exception):
    """A problem with the input, the configuration or the database, explained for the user."""

    exit_code = 1


class UsageError(SeedError):
    """An option has a value the tool cannot use."""

    exit_code = 2

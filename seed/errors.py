"""Errors a user can fix: the CLI prints their message as one line, never a traceback."""


class SeedError(Exception):
    """A problem with the input, the configuration or the database, explained for the user."""

    exit_code = 1


class UsageError(SeedError):
    """An option has a value the tool cannot use."""

    exit_code = 2

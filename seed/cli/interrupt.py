"""What Ctrl-C left behind, for the command that was running: one line, never a false claim."""

from contextvars import ContextVar

NOTHING_CHANGED = "nothing was changed"
ROLLED_BACK = "the run was rolled back; the database is as it was"

_meaning: ContextVar[str] = ContextVar("interrupt_meaning", default=NOTHING_CHANGED)


def interrupting_means(meaning: str) -> None:
    """Set by a command before it changes anything: what an interruption from now on leaves."""
    _meaning.set(meaning)


def interrupted_message() -> str:
    return f"interrupted: {_meaning.get()}"

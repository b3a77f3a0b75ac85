"""Terminal output: Rich consoles, and one-line errors with every known secret masked."""

import logging
import os
import re
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console, RenderableType
from rich.measure import Measurement

#: Secrets the current command knows of (URL password, tokens); never printed.
_secrets: set[str] = set()


def register_secrets(values: Iterable[str]) -> None:
    _secrets.update(v for v in values if v)


def scrub(text: str) -> str:
    """``text`` with every registered secret, and any ``user:password@`` part, masked."""
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return re.sub(r"(://[^:/@\s]*:)[^@\s]+@", r"\1***@", text)


def stdout_console(piped_width: int | None = None) -> Console:
    """The console for results. ``piped_width``: the width to lay tables out for when output is
    piped or saved (Rich assumes 80 columns there, which squeezes wide tables)."""
    console = Console(highlight=False, soft_wrap=True)
    if piped_width is not None and not console.is_terminal:
        console.width = piped_width
    return console


class _ReaderMayLeave:
    """stdout for one command: when its reader goes away (`seed ... | head -1`), the rest of the
    output is dropped instead of failing a command whose work is done."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self.gone = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def reader_may_leave() -> Iterator[None]:
    """Run a command with :class:`_ReaderMayLeave` as stdout; if the reader left, point the
    real stdout at /dev/null so Python's own flush at exit does not fail either."""
    original = sys.stdout
    guarded = _ReaderMayLeave(original)
    sys.stdout = guarded
    try:
        yield
    finally:
        sys.stdout = original
        guarded.flush()
        if guarded.gone:
            os.dup2(os.open(os.devnull, os.O_WRONLY), original.fileno())


def print_whole(console: Console, renderable: RenderableType) -> None:
    """Print without squeezing: the console widens to what ``renderable`` needs, and a narrower
    terminal wraps the lines instead of cutting cells short."""
    unlimited = console.options.update_width(10_000)
    console.width = max(console.width, Measurement.get(console, unlimited, renderable).maximum)
    console.print(renderable)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(message: str) -> None:
    """One line on stderr, for a person to act on."""
    line = " ".join(scrub(message).split())
    sys.stderr.write(f"error: {line}\n")
    sys.stderr.flush()


def print_traceback() -> None:
    """The exception being handled, for --verbose, with every known secret masked."""
    sys.stderr.write(scrub(traceback.format_exc()))
    sys.stderr.flush()


class _LibraryLogs(logging.Handler):
    """Libraries' log records (a psycopg warning while a run is rolled back, ...): on stderr with
    --verbose, secrets masked; dropped otherwise, so an error stays one line."""

    verbose = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.verbose:
            sys.stderr.write(scrub(self.format(record)) + "\n")


_library_logs = _LibraryLogs(logging.WARNING)


def route_library_logs(verbose: bool) -> None:
    """Install the handler once (it also stops Python printing unhandled records raw)."""
    _library_logs.verbose = verbose
    root = logging.getLogger()
    if _library_logs not in root.handlers:
        root.addHandler(_library_logs)

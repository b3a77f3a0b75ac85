"""An ordered map over worker processes with a bounded number of results in flight."""

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")


#: How often a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 0.2


def _exit_with_parent(parent: int) -> None:
    """A killed main process (SIGKILL) cannot stop its workers: they end themselves instead of
    generating for nobody and holding its output pipes open."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _start_worker(parent: int, initializer: Callable[..., None], *args: Any) -> None:
    """Ctrl-C goes to the whole process group: the main process handles it and stops us."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    initializer(*args)


@contextmanager
def ordered_map(
    task: Callable[[J], R],
    jobs: Iterable[J],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    ahead: int = 2,
) -> Iterator[Iterator[R]]:
    """``task(job)`` for each job, computed by ``workers`` processes, yielded in job order.

    The workers start on entry, so the caller can do other work while they spin up. At most
    ``ahead`` results per worker are queued or waiting, so memory stays flat however many jobs
    there are. Workers are spawned (no fork of a process holding a database connection and
    threads), and ``initializer(*initargs)`` sets each one up once.
    """
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, *initargs),
    )
    pending: deque[Future[R]] = deque()
    remaining = iter(jobs)

    def submit_next() -> None:
        for job in remaining:
            pending.append(pool.submit(task, job))
            return

    def results() -> Iterator[R]:
        while pending:
            result = pending.popleft().result()
            submit_next()
            yield result

    try:
        for _ in range(workers * ahead):
            submit_next()
        yield results()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

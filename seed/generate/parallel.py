"""An ordered map over worker processes with a bounded number of results in flight."""

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")


def _exit_with_parent(parent_alive: Connection) -> None:
    """A killed main process (SIGKILL) cannot stop its workers: they end themselves instead of
    generating for nobody. Only the main process holds the pipe's other end, so the pipe reaches
    its end exactly when the main process does, however it ends."""
    try:
        parent_alive.poll(None)
    finally:
        os._exit(1)


def _start_worker(parent_alive: Connection, initializer: Callable[..., None], *args: Any) -> None:
    """Ctrl-C goes to the whole process group: the main process handles it and stops us."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_alive,), daemon=True).start()
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
    there are. Workers are spawned: the main process is never forked (it holds a database
    connection and threads), and a fork server would leave its socket file behind when the main
    process is killed. ``initializer(*initargs)`` sets each worker up once.
    """
    context = multiprocessing.get_context("spawn")
    parent_alive, alive = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(parent_alive, initializer, *initargs),
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
        parent_alive.close()
        alive.close()

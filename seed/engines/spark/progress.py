"""Progress of the generating job: invoices done as its tasks finish, told to ``on_progress``.

Spark Connect reports progress to a handler; a classic session is polled through its status
tracker. Rows are estimated from a sample of the run's first invoices (the summary has the
exact counts).
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from seed.engines.spark.session import is_connect
from seed.generate.batches import build_batch
from seed.generate.factories import InvoiceFactory, RunContext
from seed.targets.plan import Progress

POLL_SECONDS = 0.5
_SAMPLE = 200


def rows_per_invoice(run: RunContext) -> float:
    sample = build_batch(InvoiceFactory(run), 0, min(_SAMPLE, run.options.invoice_count))
    invoices = len(sample.invoices)
    rows = invoices + len(sample.invoice_lines) + len(sample.integration_responses)
    return rows / invoices if invoices else 0.0


class TaskProgress:
    def __init__(self, run: RunContext, partitions: int, on_progress: Progress) -> None:
        self.total = run.options.invoice_count
        self.partitions = partitions
        self.ratio = rows_per_invoice(run)
        self.on_progress = on_progress

    def tasks_done(self, completed: int) -> None:
        done = min(self.total, round(self.total * completed / self.partitions))
        self.on_progress(done, round(done * self.ratio))


@contextmanager
def job_progress(spark: Any, progress: TaskProgress | None) -> Iterator[None]:
    """Reports the generating job's tasks while the block runs."""
    if progress is None:
        yield
        return
    with (
        _connect_progress(spark, progress)
        if is_connect(spark)
        else _polled_progress(spark, progress)
    ):
        yield
    progress.tasks_done(progress.partitions)


@contextmanager
def _connect_progress(spark: Any, progress: TaskProgress) -> Iterator[None]:
    def handler(stages: Iterable[Any] | None, *_: Any) -> None:
        ours = [s.num_completed_tasks for s in stages or () if s.num_tasks == progress.partitions]
        if ours:
            progress.tasks_done(max(ours))

    spark.registerProgressHandler(handler)
    try:
        yield
    finally:
        spark.removeProgressHandler(handler)


@contextmanager
def _polled_progress(spark: Any, progress: TaskProgress) -> Iterator[None]:
    tracker = spark.sparkContext.statusTracker()
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(POLL_SECONDS):
            for stage in filter(None, map(tracker.getStageInfo, tracker.getActiveStageIds())):
                if stage.numTasks == progress.partitions:
                    progress.tasks_done(stage.numCompletedTasks)

    thread = threading.Thread(target=poll, name="spark-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()

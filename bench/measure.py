"""One measurement per fresh process: ``python bench/measure.py KIND TARGET COUNT WORKERS``
prints seconds, rows and peak RSS as one JSON line; ``measure`` runs it and reads that line."""

import json
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Sample:
    seconds: float
    rows: int
    rss_mb: float
    workers_rss_mb: float
    #: CPU seconds (user + system) of the measured run and its workers (not a database server's).
    cpu: float

    @property
    def total_rss_mb(self) -> float:
        return self.rss_mb + self.workers_rss_mb


Run = Callable[[str, int, int], int]

# Each kind imports what it needs (before the clock starts) and returns what to time: worker
# processes are spawned and import this module again, and should not pay for what only the
# peers and floors use, nor for SQLAlchemy, which `seed`'s own workers do not import.


def _ours() -> Run:
    from sqlalchemy import make_url

    from seed.domain.statuses import STATUSES
    from seed.generate.options import SeedOptions
    from seed.run import RunSettings, seed_run

    def run(target: str, count: int, workers: int) -> int:
        url = make_url(target if "://" in target else f"sqlite:///{target}")
        options = SeedOptions(seed=1, as_of=date(2026, 11, 24), per_status=count // len(STATUSES))
        report = seed_run(url, options, RunSettings("BENCH", workers=workers))
        return sum(report.result.rows.values())

    return run


def pg_dsn(target: str) -> str:
    from sqlalchemy import make_url

    return make_url(target).set(drivername="postgresql").render_as_string(hide_password=False)


def _floor() -> Run:
    import floor

    return lambda target, count, _: floor.sqlite_floor(target, count)


def _strongest() -> Run:
    import strongest

    return lambda target, count, _: strongest.sqlite_strongest(target, count)


def _copy_strongest() -> Run:
    import strongest

    return lambda target, count, _: strongest.copy_strongest(pg_dsn(target), count)


def _orm() -> Run:
    import peers

    return lambda target, count, _: peers.orm_unit_of_work(target, count)


def _factory_boy() -> Run:
    import peers

    return lambda target, count, _: peers.factory_boy(target, count)


KINDS: dict[str, Callable[[], Run]] = {
    "floor": _floor,
    "strongest": _strongest,
    "orm": _orm,
    "factory_boy": _factory_boy,
    "ours": _ours,
    "copy_strongest": _copy_strongest,
    "ours_pg": _ours,
}


class DescendantPeaks:
    """Peak RSS (kB) of the largest process below this one (a worker), sampled while the run
    goes on: each process's own peak, so a sample now and then misses nothing of a live one."""

    def __init__(self) -> None:
        self.peak = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        from proctree import descendants, peak_rss_kb  # not in the workers, which import us

        # Peaks only grow, so a sample now and then is enough; often would slow the run.
        while not self.done.wait(0.25):
            for process in descendants():
                self.peak = max(self.peak, peak_rss_kb(process))

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak


def child(kind: str, target: str, count: int, workers: int) -> None:
    """One measurement, in this (fresh) process; prints one JSON line."""
    run = KINDS[kind]()
    peaks = DescendantPeaks()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    rows = run(target, count, workers)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime - before.ru_utime - before.ru_stime
    cpu += workers.ru_utime + workers.ru_stime
    got = {"seconds": seconds, "rows": rows, "rss": own.ru_maxrss, "cpu": cpu}
    print(json.dumps({**got, "workers_rss": peaks.stop()}))


def measure(kind: str, target: str, count: int, workers: int = 0) -> Sample:
    done = subprocess.run(
        [sys.executable, __file__, kind, target, str(count), str(workers)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        sys.exit(f"{kind} at {count:,} invoices failed:\n{done.stderr}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    return Sample(
        got["seconds"], got["rows"], got["rss"] / 1024, got["workers_rss"] / 1024, got["cpu"]
    )


@dataclass(frozen=True)
class Spec:
    """What to measure: a kind of child, where (a fresh target each time) and with how many
    workers."""

    kind: str
    new_target: Callable[[], str]
    workers: int = 0


def medians(specs: Sequence[Spec], count: int, repeats: int) -> list[Sample]:
    """Each spec's median of ``repeats`` runs, the specs taking turns, so that a change in the
    machine's load falls on all of them alike."""
    runs: list[list[Sample]] = [[] for _ in specs]
    for _ in range(repeats):
        for spec, samples in zip(specs, runs, strict=True):
            samples.append(measure(spec.kind, spec.new_target(), count, spec.workers))
    return [
        Sample(
            statistics.median(s.seconds for s in samples),
            samples[0].rows,
            statistics.median(s.rss_mb for s in samples),
            statistics.median(s.workers_rss_mb for s in samples),
            statistics.median(s.cpu for s in samples),
        )
        for samples in runs
    ]


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))

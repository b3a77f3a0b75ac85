"""Times `seed` against a plain-Python floor, the ORM unit of work and factory_boy, same machine.

Run from the repository: ``.venv/bin/python bench/benchmark.py`` (``--help`` for the options).
Every measurement runs in a fresh process on a fresh copy of the migrated database, so its
peak RSS is its own; the printout gives medians, rows/s and the ratios ours/floor and
peer/ours. With PostgreSQL reachable it also compares our PostgreSQL path with a COPY floor.
"""

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import floor
import peers
import psycopg
from sqlalchemy import URL, create_engine, make_url, text

from seed.domain.statuses import STATUSES
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.targets.plan import auto_workers

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Sample:
    seconds: float
    rows: int
    rss_mb: float
    workers_rss_mb: float


def _ours(target: str, count: int, workers: int) -> int:
    options = SeedOptions(seed=1, as_of=date(2026, 11, 24), per_status=count // len(STATUSES))
    report = seed_run(make_url(target), options, RunSettings("BENCH", workers=workers))
    return sum(report.result.rows.values())


def _pg_dsn(target: str) -> str:
    return make_url(target).set(drivername="postgresql").render_as_string(hide_password=False)


CHILDREN: dict[str, Callable[[str, int, int], int]] = {
    "floor": lambda target, count, _: floor.sqlite_floor(target, count),
    "orm": lambda target, count, _: peers.orm_unit_of_work(target, count),
    "factory_boy": lambda target, count, _: peers.factory_boy(target, count),
    "ours": lambda target, count, workers: _ours(f"sqlite:///{target}", count, workers),
    "copy_floor": lambda target, count, _: floor.copy_floor(_pg_dsn(target), count),
    "ours_pg": _ours,
}


def child(kind: str, target: str, count: int, workers: int) -> None:
    """One measurement, in this (fresh) process; prints one JSON line."""
    started = time.perf_counter()
    rows = CHILDREN[kind](target, count, workers)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "rows": rows, "rss": own, "workers_rss": workers_peak}))


class Targets:
    """Fresh migrated databases: copies of one migrated SQLite file, PostgreSQL templates."""

    def __init__(self, pg_url: URL | None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="seed-bench-"))
        self.template = self.folder / "template.db"
        _migrate(f"sqlite:///{self.template}")
        self.pg_url = pg_url
        self.pg_template = f"seed_bench_template_{os.getpid()}"
        if pg_url is not None:
            self._pg(f'CREATE DATABASE "{self.pg_template}"')
            _migrate(pg_url.set(database=self.pg_template).render_as_string(False))

    def sqlite(self) -> str:
        path = self.folder / "run.db"
        shutil.copyfile(self.template, path)
        return str(path)

    def postgres(self) -> str:
        assert self.pg_url is not None
        self._pg('DROP DATABASE IF EXISTS "seed_bench_run" WITH (FORCE)')
        self._pg(f'CREATE DATABASE "seed_bench_run" TEMPLATE "{self.pg_template}"')
        return self.pg_url.set(database="seed_bench_run").render_as_string(False)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.pg_url is not None:
            self._pg('DROP DATABASE IF EXISTS "seed_bench_run" WITH (FORCE)')
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_template}" WITH (FORCE)')

    def _pg(self, statement: str) -> None:
        assert self.pg_url is not None
        engine = create_engine(self.pg_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(statement))
        engine.dispose()


def _migrate(url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "alembic", "-x", f"url={url}", "upgrade", "head"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def measure(kind: str, target: str, count: int, workers: int = 0) -> Sample:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, target, str(count), str(workers)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        sys.exit(f"{kind} at {count:,} invoices failed:\n{done.stderr}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    return Sample(got["seconds"], got["rows"], got["rss"] / 1024, got["workers_rss"] / 1024)


def median_of(
    kind: str, new_target: Callable[[], str], count: int, repeats: int, workers: int = 0
) -> Sample:
    samples = [measure(kind, new_target(), count, workers) for _ in range(repeats)]
    return Sample(
        statistics.median(s.seconds for s in samples),
        samples[0].rows,
        statistics.median(s.rss_mb for s in samples),
        statistics.median(s.workers_rss_mb for s in samples),
    )


def _rss(sample: Sample) -> str:
    if sample.workers_rss_mb:
        return f"{sample.rss_mb:.0f}+{sample.workers_rss_mb:.0f} MB"
    return f"{sample.rss_mb:.0f} MB"


def _line(label: str, sample: Sample, ratio: str = "", scale: float = 1.0) -> str:
    seconds, rows = sample.seconds * scale, sample.rows * scale
    mark = "*" if scale != 1 else " "
    rss = _rss(sample) + ("*" if scale != 1 else "")
    line = f"  {label:<30} {seconds:8.2f} s{mark} {rows / seconds:>10,.0f} {rss:>14}   {ratio}"
    return line.rstrip()


def _against_floor(
    kinds: tuple[str, str],
    labels: tuple[str, str],
    new_target: Callable[[], str],
    count: int,
    repeats: int,
) -> Sample:
    """Prints the floor's line and ours with the ratio ours/floor; returns ours."""
    workers = auto_workers(count)
    print(f"  {'approach':<30} {'time':>10} {'rows/s':>10} {'peak RSS':>14}   ratio")
    base = median_of(kinds[0], new_target, count, repeats)
    ours = median_of(kinds[1], new_target, count, repeats, workers)
    print(_line(labels[0], base))
    ratio = f"ours/floor {ours.seconds / base.seconds:.2f}"
    print(_line(f"{labels[1]}: seed, {workers} worker(s)", ours, ratio))
    return ours


def sqlite_table(targets: Targets, count: int, repeats: int, peer_limit: int) -> None:
    print(f"\nSQLite, {count:,} invoices, median of {repeats} (fresh file each run)")
    ours = _against_floor(
        ("floor", "ours"),
        ("(a) floor: sqlite3 executemany", "(d) ours"),
        targets.sqlite,
        count,
        repeats,
    )
    peer_count = min(count, peer_limit)
    scale = count / peer_count
    for kind, label in (("orm", "(b) ORM unit of work"), ("factory_boy", "(c) factory_boy")):
        peer = median_of(kind, targets.sqlite, peer_count, repeats)
        ratio = peer.seconds * scale / ours.seconds
        print(_line(label, peer, f"peer/ours {ratio:.1f}x", scale))
    if scale != 1:
        print(
            f"  * measured at {peer_count:,} invoices and scaled x{scale:g} (time, rows); "
            f"peak RSS as measured at {peer_count:,}"
        )


def pg_table(targets: Targets, count: int, repeats: int) -> None:
    print(f"\nPostgreSQL, {count:,} invoices, median of {repeats} (fresh database each run)")
    _against_floor(
        ("copy_floor", "ours_pg"),
        ("COPY floor: psycopg write_row", "ours"),
        targets.postgres,
        count,
        repeats,
    )


def million(targets: Targets, count: int) -> None:
    workers = auto_workers(count)
    print(f"\nSQLite, {count:,} invoices in one transaction (ours, {workers} worker(s))")
    small = measure("ours", targets.sqlite(), 10_000, workers)
    big = measure("ours", targets.sqlite(), count, workers)
    print(_line("10,000 invoices", small))
    print(_line(f"{count:,} invoices", big))
    total_small = small.rss_mb + small.workers_rss_mb
    total_big = big.rss_mb + big.workers_rss_mb
    print(
        f"  peak RSS {total_big:.0f} MB against {total_small:.0f} MB at 10,000 invoices "
        f"(main + worker): {total_big / total_small:.2f}x"
    )


def _pg_reachable(url: URL) -> bool:
    try:
        psycopg.connect(_pg_dsn(url.render_as_string(False)), connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--peer-limit",
        type=int,
        default=10_000,
        help="measure the ORM and factory_boy at most at this many invoices, scale above",
    )
    parser.add_argument("--quick", action="store_true", help="2,000 and 10,000 invoices, once")
    parser.add_argument("--million", action="store_true", help="only the 1,000,000-invoice run")
    parser.add_argument("--pg-url", default=DEFAULT_PG, help="PostgreSQL server to compare on")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeats, args.peer_limit = [2_000, 10_000], 1, 2_000
    if any(size % len(STATUSES) for size in args.sizes):
        parser.error(f"sizes must be multiples of {len(STATUSES)} (invoices per status)")
    pg_url = None if args.no_pg or args.million else make_url(args.pg_url)
    if pg_url is not None and not _pg_reachable(pg_url):
        print(f"PostgreSQL at {pg_url.render_as_string()} is not reachable: skipped")
        pg_url = None

    print(
        f"seed benchmark {datetime.now():%Y-%m-%d %H:%M}: Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )
    print("peak RSS: main process + largest worker process, where there are workers")
    targets = Targets(pg_url)
    try:
        if args.million:
            million(targets, 1_000_000)
        else:
            for size in args.sizes:
                sqlite_table(targets, size, args.repeats, args.peer_limit)
            if pg_url is not None:
                pg_table(targets, max(args.sizes), args.repeats)
    finally:
        targets.close()
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        main()

"""Times `seed` against plain-Python floors, the ORM unit of work and factory_boy, same machine.

Run from the repository: ``.venv/bin/python bench/benchmark.py`` (``--help`` for the options).
Every measurement runs in a fresh process on a fresh copy of the migrated database, so its
peak RSS is its own; the printout gives medians, rows/s, rows per invoice and the ratios
ours/floor and peer/ours, each with its target. With PostgreSQL reachable it also compares our
PostgreSQL path with a COPY floor; then it seeds a million invoices against the strongest floor.
"""

import argparse
import os
import platform
import sqlite3
from collections.abc import Callable
from datetime import datetime

import psycopg
from databases import Targets, clean_up_on_sigterm
from measure import Sample, Spec, measure, medians, pg_dsn
from sqlalchemy import URL, make_url

from seed.domain.statuses import STATUSES
from seed.targets.plan import auto_workers

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
#: The issue's targets for ours / the strongest floor.
TARGET_PARALLEL, TARGET_ONE_PROCESS, TARGET_BIG_SECONDS, TARGET_RSS = 1.0, 1.6, 45, 1.3
HEADER = (
    f"  {'approach':<34} {'time':>10} {'CPU':>8} {'rows/s':>9} {'rows/inv':>8} "
    f"{'peak RSS':>14}  ratio"
)
FLOORS = """\
(s) the strongest plain loop: plain tuples, sequential string keys, float money, json.dumps, one
    process, one executemany per table per 10,000 invoices (PostgreSQL: COPY write_row), one
    transaction, foreign keys on, the same tables, columns and rows per invoice as ours, values
    that follow no rules; its tables have no indexes but the primary keys.
(a) the first floor: the same plain loop with dict rows and Decimal money.
Our schema also carries the 5 foreign-key indexes of revision 0003, which every insert of ours
maintains and the floors' do not."""


def _rss(sample: Sample) -> str:
    if sample.workers_rss_mb:
        return f"{sample.rss_mb:.0f}+{sample.workers_rss_mb:.0f} MB"
    return f"{sample.rss_mb:.0f} MB"


def _line(label: str, sample: Sample, count: int, ratio: str = "", scale: float = 1.0) -> str:
    seconds, rows, cpu = sample.seconds * scale, sample.rows * scale, sample.cpu * scale
    mark = "*" if scale != 1 else " "
    rss = _rss(sample) + mark
    per_invoice = sample.rows / (count / scale)
    line = (
        f"  {label:<34} {seconds:8.2f} s{mark} {cpu:6.1f} s {rows / seconds:>9,.0f} "
        f"{per_invoice:>8.2f} {rss:>15}  {ratio}"
    )
    return line.rstrip()


def _ratio(ours: Sample, floor: Sample, name: str, target: float | None = None) -> str:
    value = ours.seconds / floor.seconds
    return f"ours/{name} {value:.2f}" + (f" (target <= {target})" if target else "")


def sqlite_table(targets: Targets, count: int, repeats: int, peer_limit: int) -> None:
    print(f"\nSQLite, {count:,} invoices, median of {repeats} (fresh file each run)")
    print(HEADER)
    workers = auto_workers(count)
    bare: Callable[[], str] = lambda: targets.sqlite(indexes=False)  # noqa: E731
    strong, first, ours, alone = medians(
        [
            Spec("strongest", bare),
            Spec("floor", bare),
            Spec("ours", targets.sqlite, workers),
            Spec("ours", targets.sqlite, 0),
        ],
        count,
        repeats,
    )
    print(_line("(s) strongest floor: plain tuples", strong, count))
    print(_line("(a) first floor: dict rows, Decimal", first, count))
    ratios = f"{_ratio(ours, strong, 'strongest', TARGET_PARALLEL)}, {_ratio(ours, first, 'a')}"
    print(_line(f"(d) ours: seed, {workers} worker(s)", ours, count, ratios))
    ratio = _ratio(alone, strong, "strongest", TARGET_ONE_PROCESS)
    print(_line("(e) ours: seed --workers 0", alone, count, ratio))
    peer_count = min(count, peer_limit)
    scale = count / peer_count
    peers = medians(
        [Spec("orm", targets.sqlite), Spec("factory_boy", targets.sqlite)], peer_count, repeats
    )
    for peer, label in zip(peers, ("(b) ORM unit of work", "(c) factory_boy"), strict=True):
        ratio = f"peer/ours {peer.seconds * scale / ours.seconds:.1f}x"
        print(_line(label, peer, count, ratio, scale))
    if scale != 1:
        print(
            f"  * measured at {peer_count:,} invoices and scaled x{scale:g} (time, rows); "
            f"peak RSS as measured at {peer_count:,}"
        )


def pg_table(targets: Targets, count: int, repeats: int) -> None:
    print(f"\nPostgreSQL, {count:,} invoices, median of {repeats} (fresh database each run)")
    print(HEADER)
    workers = auto_workers(count)
    bare: Callable[[], str] = lambda: targets.postgres(indexes=False)  # noqa: E731
    strong, ours = medians(
        [Spec("copy_strongest", bare), Spec("ours_pg", targets.postgres, workers)], count, repeats
    )
    print(_line("(s) COPY floor: plain tuples", strong, count))
    ratio = _ratio(ours, strong, "strongest", TARGET_PARALLEL)
    print(_line(f"(d) ours: seed, {workers} worker(s)", ours, count, ratio))


def big_table(targets: Targets, count: int, repeats: int) -> None:
    """The strongest floor and ours at ``count``, medians of ``repeats`` taking turns; ours at
    10,000 with the same workers, for peak RSS."""
    workers = auto_workers(count)
    small_count = min(10_000, count)
    times = "once each" if repeats == 1 else f"median of {repeats}"
    print(f"\nSQLite, {count:,} invoices in one transaction, {times}")
    print(HEADER)
    small = measure("ours", targets.sqlite(), small_count, workers)
    bare: Callable[[], str] = lambda: targets.sqlite(indexes=False)  # noqa: E731
    strong, big = medians(
        [Spec("strongest", bare), Spec("ours", targets.sqlite, workers)], count, repeats
    )
    print(_line("(s) strongest floor: plain tuples", strong, count))
    print(_line(f"(d) ours at {small_count:,}, {workers} worker(s)", small, small_count))
    ratio = _ratio(big, strong, "strongest", TARGET_PARALLEL)
    print(_line(f"(d) ours at {count:,}, {workers} worker(s)", big, count, ratio))
    print(
        f"  ours: {big.seconds:.1f} s (target <= {TARGET_BIG_SECONDS} s at 1,000,000); peak RSS "
        f"{big.total_rss_mb:.0f} MB against {small.total_rss_mb:.0f} MB at {small_count:,} "
        f"(main + worker): {big.total_rss_mb / small.total_rss_mb:.2f}x (target <= {TARGET_RSS})"
    )


def _pg_reachable(url: URL) -> bool:
    try:
        psycopg.connect(pg_dsn(url.render_as_string(False)), connect_timeout=3).close()
        return True
    except psycopg.Error:
        return False


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--peer-limit",
        type=int,
        default=10_000,
        help="measure the ORM and factory_boy at most at this many invoices, scale above",
    )
    parser.add_argument(
        "--big", type=int, default=1_000_000, help="invoices of the one-off big run (0: none)"
    )
    parser.add_argument(
        "--big-repeats", type=int, default=1, help="runs of the big run, each (median)"
    )
    parser.add_argument("--quick", action="store_true", help="2,000 and 10,000 invoices, once")
    parser.add_argument("--million", action="store_true", help="only the big run")
    parser.add_argument("--pg-url", default=DEFAULT_PG, help="PostgreSQL server to compare on")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeats, args.peer_limit, args.big = [2_000, 10_000], 1, 2_000, 0
    if args.million:
        args.sizes = []
    if any(size % len(STATUSES) for size in [*args.sizes, args.big]):
        parser.error(f"sizes must be multiples of {len(STATUSES)} (invoices per status)")
    return args


def main() -> None:
    args = _arguments()
    clean_up_on_sigterm()
    pg_url = None if args.no_pg or not args.sizes else make_url(args.pg_url)
    if pg_url is not None and not _pg_reachable(pg_url):
        print(f"PostgreSQL at {pg_url.render_as_string()} is not reachable: skipped")
        pg_url = None
    print(
        f"seed benchmark {datetime.now():%Y-%m-%d %H:%M}: Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )
    print("peak RSS: main process + largest worker process, where there are workers")
    print("CPU: user + system seconds of the process and its workers (not the database server)")
    print(FLOORS)
    targets = Targets(pg_url)
    try:
        for size in args.sizes:
            sqlite_table(targets, size, args.repeats, args.peer_limit)
        if pg_url is not None:
            pg_table(targets, max(args.sizes), args.repeats)
        if args.big:
            big_table(targets, args.big, args.big_repeats)
    finally:
        targets.close()
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()

"""How long `seed verify` takes next to seeding the same data, measured in the same run.

Usage: .venv/bin/python bench/verify_speed.py [--per-status 20000] [--million] [--database-url URL]

For each size: a fresh schema (a new SQLite file in a temporary folder; with a PostgreSQL URL, a
new database on that server, dropped again afterwards: the URL's own database is not touched), a
seeded run (the baseline: the work verify checks), then every check, timed. Prints verify / seed
(target: at most 0.5 at 100,000 invoices) and the slowest checks; with --million also 1,000,000
invoices and verify(1M) / verify(100k) (target: at most 10, i.e. linear).
"""

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from databases import clean_up_on_sigterm, scratch_database
from sqlalchemy import URL, make_url

from seed.db.engine import make_engine
from seed.db.migrate import upgrade_database
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.verify import all_checks, run_check

VERIFY_PER_SEED_TARGET = 0.5
MILLION_PER_100K_TARGET = 10.0


@dataclass
class Measured:
    invoices: int
    seeding: float
    verifying: float
    passed: bool
    slowest: list[tuple[float, str]]


def measure(url: URL, per_status: int) -> Measured:
    upgrade_database(url)
    options = SeedOptions(seed=42, as_of=date(2026, 11, 24), per_status=per_status)
    started = time.perf_counter()
    seed_run(url, options, RunSettings("BENCH"))
    seeding = time.perf_counter() - started
    engine = make_engine(url)
    timings = []
    started = time.perf_counter()
    with engine.connect() as connection:
        for check in all_checks():
            began = time.perf_counter()
            result = run_check(connection, check)
            timings.append((time.perf_counter() - began, check.name, result.passed))
    verifying = time.perf_counter() - started
    engine.dispose()
    slowest = [(seconds, name) for seconds, name, _ in sorted(timings, reverse=True)[:5]]
    passed = all(ok for _, _, ok in timings)
    return Measured(options.invoice_count, seeding, verifying, passed, slowest)


def report(measured: Measured) -> None:
    ratio = measured.verifying / measured.seeding
    print(f"{measured.invoices:,} invoices")
    print(f"  seed   {measured.seeding:8.2f} s (baseline)")
    print(
        f"  verify {measured.verifying:8.2f} s = {ratio:.2f} x seeding "
        f"(target at 100,000 invoices: at most {VERIFY_PER_SEED_TARGET})"
    )
    print(f"  all checks passed: {measured.passed}; slowest:")
    for seconds, name in measured.slowest:
        print(f"    {seconds:6.2f} s  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-status", type=int, default=20_000)
    parser.add_argument("--million", action="store_true", help="also 200,000 per status")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server (URL) to measure on, in a database of its own"
    )
    args = parser.parse_args()
    clean_up_on_sigterm()
    server = make_url(args.database_url) if args.database_url else None
    print(f"seed verify benchmark on {server.get_backend_name() if server else 'sqlite'}")
    with tempfile.TemporaryDirectory() as folder:
        sizes = [args.per_status, *([200_000] if args.million else [])]
        results = []
        for index, per_status in enumerate(sizes):
            name = f"seed_verify_bench_{os.getpid()}_{index}"
            with scratch_database(server, Path(folder), name) as url:
                results.append(measure(url, per_status))
            report(results[-1])
    if len(results) == 2:
        small, large = results
        growth = large.verifying / small.verifying
        print(
            f"verify {large.invoices:,} / {small.invoices:,} invoices: {growth:.2f} x "
            f"(data x{large.invoices / small.invoices:g}; target at most "
            f"{MILLION_PER_100K_TARGET:g}); seed: {large.seeding / small.seeding:.2f} x"
        )


if __name__ == "__main__":
    main()

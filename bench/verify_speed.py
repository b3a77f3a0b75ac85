"""How long `seed verify` takes next to seeding the same data, measured in the same run.

Usage: .venv/bin/python bench/verify_speed.py [--per-status 20000] [--database-url URL]

Without --database-url it makes a SQLite file in a temporary folder; with a PostgreSQL URL the
database must exist and be empty (it is migrated here). Prints the seeding time (the baseline),
the verify time, their ratio and the slowest checks.
"""

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import make_url

from seed.db.engine import make_engine
from seed.db.schema import alembic_config
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.verify import all_checks, run_check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-status", type=int, default=20_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = make_url(args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}")
        config = alembic_config()
        config.cmd_opts = type("Opts", (), {"x": [f"url={url.render_as_string(False)}"]})()  # type: ignore[assignment]
        config.attributes["configure_logger"] = False
        command.upgrade(config, "head")
        options = SeedOptions(seed=42, as_of=date(2026, 11, 24), per_status=args.per_status)
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

    print(f"{options.invoice_count:,} invoices on {url.get_backend_name()}")
    print(f"seed   {seeding:8.2f} s (baseline)")
    print(f"verify {verifying:8.2f} s = {verifying / seeding:.2f} x seeding")
    print(f"all checks passed: {all(passed for _, _, passed in timings)}")
    for seconds, name, _ in sorted(timings, reverse=True)[:5]:
        print(f"  {seconds:6.2f} s  {name}")


if __name__ == "__main__":
    main()

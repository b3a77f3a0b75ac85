"""Purging one run with and without the foreign-key indexes of revision 0003 (SQLite, and
PostgreSQL when a server URL is given); prints the times and their ratio, measured in this run.

Usage: .venv/bin/python bench/purge.py [--per-status 4000] [--pg postgresql+psycopg://postgres@127.0.0.1/test]
"""

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from alembic import command
from databases import clean_up_on_sigterm, scratch_database
from sqlalchemy import URL, make_url, text

from seed.db.engine import make_engine
from seed.db.schema import alembic_config
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from seed.runs.purge import purge_run


def _timed_purge(url: URL, per_status: int, indexed: bool) -> float:
    engine = make_engine(url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    if not indexed:
        with engine.begin() as conn:
            for index in (
                "budget_lines_project_id",
                "invoices_project_id",
                "invoice_lines_invoice_id",
                "invoice_lines_budget_line_id",
                "integration_responses_invoice_id",
            ):
                conn.execute(text(f"DROP INDEX ix_{index}"))
    engine.dispose()
    for number in range(3):  # other runs whose rows stay
        seed_run(
            url,
            SeedOptions(seed=number, as_of=date(2026, 11, 24), per_status=per_status // 4),
            RunSettings(f"OTHER{number}"),
        )
    seed_run(
        url,
        SeedOptions(seed=9, as_of=date(2026, 11, 24), per_status=per_status),
        RunSettings("BIG"),
    )
    started = time.perf_counter()
    purge_run(url, "BIG", 30)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-status", type=int, default=4000)
    parser.add_argument("--pg", help="a PostgreSQL server URL whose user may create databases")
    args = parser.parse_args()
    clean_up_on_sigterm()
    backends: list[tuple[str, URL | None]] = [("sqlite", None)]
    if args.pg:
        backends.append(("postgresql", make_url(args.pg)))
    with tempfile.TemporaryDirectory() as folder:
        for backend, admin in backends:
            with scratch_database(admin, Path(folder), "bench_indexed") as url:
                with_indexes = _timed_purge(url, args.per_status, True)
            with scratch_database(admin, Path(folder), "bench_plain") as url:
                without = _timed_purge(url, args.per_status, False)
            invoices = args.per_status * 5
            print(
                f"{backend}: purging {invoices:,} invoices: {with_indexes:.2f} s with the indexes, "
                f"{without:.2f} s without ({without / with_indexes:.0f}x)"
            )


if __name__ == "__main__":
    main()

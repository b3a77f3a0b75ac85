"""Databricks at volume: what the Volume load costs against the statements path and SQLite.

Run from the repository: ``.venv/bin/python bench/volume.py`` (``--help`` for the options).

1. Requests per run, through the real Databricks dialect on the fake connection and fake Files
   API (tests/fake_databricks.py): warehouse statements of each path, and the Volume path's
   Files API requests, at several sizes; where the two paths' request counts cross is the
   ``auto`` threshold (seed.targets.load.VOLUME_FROM).
2. Staging time: generating and staging the run as Parquet (the offline path: generate, encode,
   write bounded zstd files; no network) against seeding the same run into a fresh SQLite file
   (our fastest local path, one worker from 20,000 invoices), each in a fresh process, in the
   same run of this script.
3. Peak memory of staging at 10,000 invoices against 1,000,000 (``--million``).
"""

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seed.domain.statuses import STATUSES  # noqa: E402
from seed.generate.options import SeedOptions  # noqa: E402
from seed.run import RunSettings, SqlScript, seed_run  # noqa: E402
from seed.targets.load import VOLUME_FROM  # noqa: E402

#: Where staged files would go (the offline path writes them locally; nothing connects).
VOLUME = "/Volumes/main/holdbusters/staging"

AS_OF = date(2026, 11, 24)


def options(count: int) -> SeedOptions:
    return SeedOptions(seed=1, as_of=AS_OF, per_status=count // len(STATUSES))


def requests(count: int, load: str) -> tuple[int, int]:
    """Warehouse statements and Files API requests of one run of ``count`` invoices."""
    import seed.targets.databricks as statements_target
    import seed.targets.databricks_volume as volume_target
    from tests.fake_databricks import URL, FakeDatabricks

    fake = FakeDatabricks(execute_writes=False)
    for module in (statements_target, volume_target):
        module.make_engine = lambda _url: fake.engine()  # type: ignore[assignment]
    volume_target.volume_files = lambda _url: fake.volume  # type: ignore[assignment]
    settings = RunSettings(f"B{count}", load=load, volume=VOLUME)
    report = seed_run(make_url(URL), options(count), settings)
    return report.statements, len(fake.volume.operations) + fake.volume.reads


def requests_table(sizes: list[int]) -> None:
    print("\nRequests per run (real dialect, fake connection and Files API)")
    print(f"  {'invoices':>9} {'statements path':>16} {'volume: statements':>19} "
          f"{'+ file requests':>16} {'= requests':>11}")  # fmt: skip
    crossing = None
    for count in sizes:
        inserts, _ = requests(count, "statements")
        statements, files = requests(count, "volume")
        print(
            f"  {count:>9,} {inserts:>16,} {statements:>19,} {files:>16,} {statements + files:>11,}"
        )
        if crossing is None and inserts >= statements + files:
            crossing = count
    print(f"  the statements path sends as many requests as the Volume path at {crossing:,} "
          f"invoices (of those measured), more above; auto loads through a Volume above "
          f"{VOLUME_FROM:,}")  # fmt: skip


def child(kind: str, count: int, folder: str) -> None:
    """One measurement in this fresh process; prints one JSON line."""
    started = time.perf_counter()
    if kind.startswith("stage"):
        workers = 1 if kind == "stage-1-worker" else None
        settings = RunSettings(
            "BENCH", workers=workers, load="volume", volume=VOLUME, stage_dir=Path(folder)
        )
        report = seed_run(
            SqlScript(Path(folder) / "load.sql", "databricks"), options(count), settings
        )
    else:
        report = seed_run(
            make_url(f"sqlite:///{folder}/run.db"), options(count), RunSettings("BENCH")
        )
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = sum(report.result.rows.values())
    print(json.dumps({"seconds": seconds, "rows": rows, "rss": own, "workers_rss": workers}))


def measure(kind: str, count: int, template: Path) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"seed-bench-{kind}-"))
    try:
        if kind == "sqlite":
            shutil.copyfile(template, folder / "run.db")
        done = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(count), str(folder)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            sys.exit(f"{kind} at {count:,} invoices failed:\n{done.stderr}")
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def median(kind: str, count: int, template: Path, repeats: int) -> dict[str, float]:
    samples = [measure(kind, count, template) for _ in range(repeats)]
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def _rss(sample: dict[str, float]) -> str:
    workers = f"+{sample['workers_rss']:.0f}" if sample["workers_rss"] else ""
    return f"{sample['rss']:.0f}{workers} MB"


def staging_table(count: int, repeats: int, template: Path) -> None:
    print(f"\nStaging against SQLite, {count:,} invoices, median of {repeats} (fresh process each)")
    print(f"  {'approach':<44} {'time':>9} {'rows/s':>10} {'peak RSS':>12}")
    base = median("sqlite", count, template, repeats)
    stage = median("stage", count, template, repeats)
    for label, sample in (("SQLite: seed into a fresh file", base),
                          ("Volume path: generate + stage Parquet", stage)):  # fmt: skip
        rate = sample["rows"] / sample["seconds"]
        print(f"  {label:<44} {sample['seconds']:7.2f} s {rate:>10,.0f} {_rss(sample):>12}")
    print(f"  staging/SQLite: {stage['seconds'] / base['seconds']:.2f} (target: at most 1.0)")


def memory_table(template: Path) -> None:
    print("\nPeak memory of staging, one worker at both sizes (main process + worker)")
    small = measure("stage-1-worker", 10_000, template)
    large = measure("stage-1-worker", 1_000_000, template)
    for count, sample in ((10_000, small), (1_000_000, large)):
        print(f"  {count:>9,} invoices {sample['seconds']:8.2f} s {_rss(sample):>14}")
    ratio = (large["rss"] + large["workers_rss"]) / (small["rss"] + small["workers_rss"])
    print(f"  1,000,000 against 10,000: {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000, help="staging comparison size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="peak memory at 10k vs 1M")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, count, folder = args.child
        child(kind, int(count), folder)
        return
    # Measurements in child processes first: a child inherits its parent's peak RSS (Linux
    # keeps ru_maxrss across exec), and the request counts below run in this process.
    with tempfile.TemporaryDirectory(prefix="seed-bench-") as folder:
        template = Path(folder) / "template.db"
        subprocess.run(
            [sys.executable, "-m", "alembic", "-x", f"url=sqlite:///{template}", "upgrade", "head"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip  # in a child, so this process stays small
        staging_table(args.invoices, args.repeats, template)
        if args.million:
            memory_table(template)
    requests_table([1_000, 5_000, 10_000, 20_000, args.invoices])


if __name__ == "__main__":
    main()

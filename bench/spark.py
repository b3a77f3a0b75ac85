"""Times `seed --engine spark` on local Spark: scaling over cores, rows/s per core to Parquet,
ours against dbldatagen and a Spark-native floor, and the driver's peak memory. The per-core
rate is of the 1M run when ``--million`` is given (the issue's figure), else of the scaling run.

A ``local[N]`` run is pinned to N cores (CPU affinity, which the driver JVM and its Python
workers inherit): ``local[N]`` sets task slots, not cores, and an unpinned ``local[1]`` runs its
Python worker and the JVM's writing side by side on two cores. The unpinned ``local[1]`` is
printed too.

Run from the repository: ``.venv/bin/python bench/spark.py`` (``--million`` adds the 1M run;
``--repeats N`` runs the pinned scaling pair N times, taking turns, and prints medians: on a
noisy machine one pair can land either side of the target). The baselines run beside the first
local[2] run, in its session, and are compared with that run.
Each measurement runs in a fresh process with its own Spark (a master is fixed per JVM); a tiny
warm-up run starts the Python workers first, so the figures are of the run, not of start-up.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from proctree import child_named, peak_rss_kb, tree_cpu_seconds
from spark_baselines import dbldatagen_problem, dbldatagen_tables, generation_free, native_floor

from seed.domain.statuses import STATUSES
from seed.engines.spark.session import spark_session
from seed.engines.spark.target import SparkTarget
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run


def child(master: str, invoices: int, baselines: bool) -> dict[str, Any]:
    """One measurement in this process: warm up, seed, then (optionally) the baselines."""
    warehouse = Path(tempfile.mkdtemp(prefix="bench-spark-"))
    target = SparkTarget("bench", master, warehouse)
    spark = spark_session(target)
    per_status = invoices // len(STATUSES)
    warm = SeedOptions(seed=1, as_of=date(2026, 11, 24), per_status=20)
    seed_run(target.url(), warm, RunSettings("WARM"))
    options = SeedOptions(seed=1, as_of=date(2026, 11, 24), per_status=per_status)
    started, cpu_before = time.perf_counter(), tree_cpu_seconds()
    report = seed_run(target.url(), options, RunSettings("BENCH"))
    ours, cpu = time.perf_counter() - started, tree_cpu_seconds() - cpu_before
    counts = {
        name: n
        for name, n in report.result.rows.items()
        if name not in ("projects", "budget_lines")
    }
    result: dict[str, Any] = {
        "master": master,
        "invoices": invoices,
        "rows": sum(report.result.rows.values()),
        "counts": counts,
        "seconds": ours,
        "cpu_seconds": cpu,
        "driver_python_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "driver_jvm_mb": peak_rss_kb(jvm) / 1024 if (jvm := child_named("java")) else None,
    }
    if baselines:
        started = time.perf_counter()
        native_floor(spark, counts, "bench")
        result["floor_seconds"] = time.perf_counter() - started
        problem = dbldatagen_problem()
        if problem is None:
            started = time.perf_counter()
            dbldatagen_tables(spark, counts, "bench")
            result["dbldatagen_seconds"] = time.perf_counter() - started
        result["dbldatagen_problem"] = problem
        started = time.perf_counter()
        result["free_rows"] = generation_free(spark, invoices, "bench")
        result["free_seconds"] = time.perf_counter() - started
    return result


def measure(
    master: str, invoices: int, baselines: bool = False, pinned: bool = True
) -> dict[str, Any]:
    """One run in a fresh process; ``pinned``: on as many cores as the master has task slots."""
    slots = int(master.removeprefix("local[").removesuffix("]"))
    cores = sorted(os.sched_getaffinity(0))[:slots] if pinned else None
    line = (
        subprocess.run(
            [sys.executable, __file__, "--child", master, str(invoices), str(int(baselines))],
            check=True,
            capture_output=True,
            text=True,
            preexec_fn=None if cores is None else lambda: os.sched_setaffinity(0, cores),
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    measured: dict[str, Any] = json.loads(line)
    return measured


def _rate(sample: dict[str, Any], seconds: float | None = None) -> float:
    return float(sample["rows"]) / (seconds or sample["seconds"])


def _median(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """The sample of median seconds (the lower middle one of an even count)."""
    return sorted(samples, key=lambda sample: float(sample["seconds"]))[(len(samples) - 1) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--invoices", type=int, default=200_000, help="invoices of the scaling runs"
    )
    parser.add_argument("--million", action="store_true", help="also run 1,000,000 invoices")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="pinned local[1] and local[2] runs of the scaling pair, taking turns (medians)",
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; figures are provisional on a shared machine")
    ones, twos = [], []
    for turn in range(args.repeats):
        ones.append(measure("local[1]", args.invoices))
        twos.append(measure("local[2]", args.invoices, baselines=turn == 0))
    one, two, baselines = _median(ones), _median(twos), twos[0]
    loose = measure("local[1]", args.invoices, pinned=False)
    print(
        f"\nScaling at {args.invoices:,} invoices ({two['rows']:,} rows), median of {args.repeats}:"
    )
    for sample, on in ((one, "on 1 core"), (two, "on 2 cores"), (loose, "unpinned, once")):
        print(
            f"  {sample['master']} {on}: {sample['seconds']:.1f} s {_rate(sample):,.0f} rows/s; "
            f"CPU {sample['cpu_seconds']:.1f} s (JVM and Python workers)"
        )
    if args.repeats > 1:
        for name, samples in (("local[1]", ones), ("local[2]", twos)):
            print(f"  {name} runs: " + ", ".join(f"{x['seconds']:.1f} s" for x in samples))
    print(f"  local[2]/local[1] = {one['seconds'] / two['seconds']:.2f}x (target >= 1.7x)")
    print(
        f"  local[2]/local[1] unpinned = {loose['seconds'] / two['seconds']:.2f}x "
        f"(local[1] used {loose['cpu_seconds'] / loose['seconds']:.1f} cores)"
    )
    million = measure("local[2]", 1_000_000) if args.million else None
    per_core = million or two
    print(
        f"\nRows/s per core to Parquet, local[2], {per_core['invoices']:,} invoices: "
        f"{_rate(per_core) / 2:,.0f} (target >= 90,000); per CPU second "
        f"{_rate(per_core, per_core['cpu_seconds']):,.0f} (the same, were both cores ours)"
    )
    print("\nSame tables (row counts, columns, types), same session, local[2] (the first run):")
    floor = _rate(baselines, baselines["floor_seconds"])
    ours = _rate(baselines)
    print(f"  Spark-native floor {baselines['floor_seconds']:.1f} s {floor:,.0f} rows/s", end="; ")
    print(f"ours/floor = {ours / floor:.2f}")
    if baselines.get("dbldatagen_seconds"):
        seconds = baselines["dbldatagen_seconds"]
        theirs = _rate(baselines, seconds)
        print(f"  dbldatagen {seconds:.1f} s {theirs:,.0f} rows/s", end="; ")
        print(f"ours/dbldatagen = {ours / theirs:.2f}")
    else:
        print(f"  dbldatagen not run: {baselines['dbldatagen_problem']}")
    free = _rate({"rows": baselines["free_rows"]}, baselines["free_seconds"])
    print(
        f"  ours with generation free (each task replays one chunk of our rows, written as ours "
        f"are) {baselines['free_seconds']:.1f} s {free:,.0f} rows/s, {free / 2:,.0f} per core: "
        f"the Spark side of ours"
    )
    small = measure("local[2]", 100_000)
    rows = [small, two] + ([million] if million else [])
    print("\nPeak driver memory (MB):")
    for sample in rows:
        print(
            f"  {sample['invoices']:>9,} invoices: Python {sample['driver_python_mb']:.0f}, "
            f"JVM {sample['driver_jvm_mb'] or 0:.0f}; {_rate(sample):,.0f} rows/s"
        )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1")))
    else:
        main()

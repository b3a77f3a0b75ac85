"""The benchmark stopped with SIGTERM (``kill``, ``timeout``) drops the PostgreSQL databases it
made, as it does when it ends or is stopped with Ctrl-C."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import URL, Engine, create_engine, text

ROOT = Path(__file__).resolve().parents[1]


def _bench_databases(admin: Engine, pid: int) -> set[str]:
    with admin.connect() as conn:
        names = conn.execute(
            text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"),
            {"pattern": f"seed_bench_%_{pid}"},
        ).scalars()
        return set(names)


@pytest.mark.slow
@pytest.mark.postgres
def test_the_benchmark_stopped_by_sigterm_drops_its_databases(pg_admin_url: URL) -> None:
    tiny = ("--sizes", "20", "--repeats", "1", "--peer-limit", "10", "--big", "0")
    url = pg_admin_url.render_as_string(hide_password=False)
    bench = subprocess.Popen(
        [sys.executable, "bench/benchmark.py", *tiny, "--pg-url", url],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    made: set[str] = set()
    try:
        deadline = time.monotonic() + 120
        # Both templates exist once the bare one (made from the migrated one) does.
        while f"seed_bench_bare_{bench.pid}" not in made and time.monotonic() < deadline:
            assert bench.poll() is None, bench.stderr.read() if bench.stderr else ""
            time.sleep(0.2)
            made = _bench_databases(admin, bench.pid)
        assert f"seed_bench_template_{bench.pid}" in made
        bench.send_signal(signal.SIGTERM)
        assert bench.wait(timeout=60) == 128 + signal.SIGTERM
        assert _bench_databases(admin, bench.pid) == set()
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
        with admin.connect() as conn:  # what a failed run left
            for name in _bench_databases(admin, bench.pid):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

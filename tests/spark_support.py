"""Helpers of the Spark tests: a Spark Connect server in a child process, and tables as rows."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import URL, select

from models import TABLES
from seed.db.engine import make_engine

#: A Spark Connect server: the one in the pyspark wheel, started as a classic session with the
#: Connect plugin (what start-connect-server.sh does), serving until its stdin closes.
_SERVER = """
import sys
from pyspark.sql import SparkSession
port, warehouse = sys.argv[1], sys.argv[2]
metastore = f"jdbc:derby:;databaseName={warehouse}/metastore_db;create=true"
(SparkSession.builder.master("local[2]")
 .config("spark.plugins", "org.apache.spark.sql.connect.SparkConnectPlugin")
 .config("spark.connect.grpc.binding.port", port)
 .config("spark.sql.warehouse.dir", warehouse)
 .config("spark.sql.catalogImplementation", "hive")
 .config("spark.hadoop.javax.jdo.option.ConnectionURL", metastore)
 .config("spark.ui.enabled", "false")
 .getOrCreate())
print("ready", flush=True)
sys.stdin.read()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_connect_server(warehouse: Path, log: Path) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(port), str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        env=env,
        cwd=log.parent,  # where Derby writes its derby.log
    )
    assert server.stdout is not None
    if server.stdout.readline().strip() != "ready":
        server.kill()
        raise RuntimeError(f"the Spark Connect server did not start: see {log}")
    _wait_for_port(port)
    return server, port


def _wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def table_rows(url: URL) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the five tables, in key order, as Python values."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                name: [
                    tuple(row)
                    for row in connection.execute(select(table).order_by(table.c.id)).all()
                ]
                for name, table in TABLES.items()
            }
    finally:
        engine.dispose()


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("PPid:") and int(line.split()[1]) == pid:
                    found.append(int(status.parent.name))
        except (OSError, ValueError):
            continue
    return found


def python_workers() -> list[int]:
    """This process's Spark Python workers: the processes the pyspark daemons (children of our
    JVM) forked. Only our own processes, found by parentage."""
    workers = []
    for jvm in _children(os.getpid()):
        for daemon in _children(jvm):
            workers += _children(daemon)
    return workers

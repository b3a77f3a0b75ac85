"""`seed` as a child process, for the tests that kill it or run several at once."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SEED = Path(sys.executable).with_name("seed")


def _default_sigint() -> None:
    """A shell's background jobs inherit SIGINT ignored; a user's `seed` gets Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn_seed(*args: str) -> "subprocess.Popen[str]":
    assert SEED.exists(), f"{SEED} is missing: install the package (pip install -e .)"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.Popen(
        [str(SEED), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_default_sigint,
    )


def wait_for(
    condition: Callable[[], bool], what: str, child: "subprocess.Popen[str] | None" = None
) -> None:
    """Wait until ``condition`` holds (at most a minute), failing if ``child`` ends first."""
    deadline = time.monotonic() + 60
    while not condition():
        if child is not None and child.poll() is not None:
            out, err = child.communicate()
            raise AssertionError(f"seed ended ({child.returncode}) before {what}: {err or out}")
        if time.monotonic() > deadline:
            if child is not None:
                child.kill()
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(root: int) -> set[int]:
    """The processes below ``root`` (Linux: read from /proc)."""
    parents = {
        int(p.name): _parent_of(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()
    }
    found: set[int] = set()
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        children = {pid for pid, ppid in parents.items() if ppid == parent}
        found |= children
        frontier.extend(children)
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status

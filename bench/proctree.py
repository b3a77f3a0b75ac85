"""The processes a measurement starts below it (seed's workers; a Spark driver's JVM and its
Python workers), found with psutil, whoever forked them."""

from pathlib import Path

import psutil


def descendants() -> list[psutil.Process]:
    """Every live process below this one."""
    return psutil.Process().children(recursive=True)


def child_named(name: str) -> psutil.Process | None:
    """A direct child of this process with that name (the driver JVM: ``java``)."""
    for process in psutil.Process().children():
        try:
            if process.name() == name:
                return process
        except psutil.Error:
            continue
    return None


def peak_rss_kb(process: psutil.Process) -> int:
    """A process's peak resident memory (VmHWM; psutil gives only the current RSS); 0 once
    it is gone."""
    try:
        status = Path(f"/proc/{process.pid}/status").read_text()
    except OSError:
        return 0
    return next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0
    )


def tree_cpu_seconds() -> float:
    """CPU seconds (user + system) of the live processes below this one, with what they have
    reaped of their own children: the work, whatever else the machine runs."""
    used = 0.0
    for process in descendants():
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        used += times.user + times.system + times.children_user + times.children_system
    return used

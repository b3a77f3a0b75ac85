"""Worker processes keep the memory they free (seed.generate.heap): a chunk-sized buffer made
again and again is not faulted in afresh each time."""

import platform
import subprocess
import sys

import pytest

_CHURN = """
import resource, sys
from seed.generate.heap import keep_freed_memory
kept = keep_freed_memory() if sys.argv[1] == "keep" else None
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    # A chunk's databases and their pickle, held at once, zeroed (every page touched), freed.
    buffers = [bytearray(size * 1024 * 1024) for size in (3, 5, 8, 8)]
    del buffers
print(kept, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _churn(mode: str) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _CHURN, mode], capture_output=True, text=True, check=True
    )
    kept, faults = done.stdout.split()
    return kept, int(faults)


@pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc only"
)
def test_freed_chunk_buffers_are_reused_without_page_faults() -> None:
    _, default_faults = _churn("default")
    kept, kept_faults = _churn("keep")
    assert kept == "True"
    # 24 MiB (6,144 pages) a round: faulted in again every round by default, once when kept.
    assert default_faults > 10 * 6_144
    assert kept_faults < 2 * 6_144

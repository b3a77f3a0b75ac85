"""A worker process keeps the memory it frees for its next chunk (glibc's malloc only).

A chunk's buffers (its SQLite databases and their pickles) are megabytes each. glibc's malloc
maps blocks that large afresh and gives them back to the kernel when they are freed, and it
trims a heap whose free top grows past a few megabytes, so every chunk faulted its memory in
again, page by page: 1.6 page faults and about 3 µs of kernel time per invoice, a twentieth of
a worker's CPU. With the thresholds below, freed memory stays in the heap for the next chunk.
The peak is unchanged: one chunk's buffers are freed before the next chunk's are made.
"""

import ctypes
import sys

# mallopt's parameters (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: Blocks up to this size come from the heap instead of a mapping of their own (glibc's largest
#: mmap threshold on 64-bit platforms).
HEAP_BLOCK_BYTES = 32 * 1024 * 1024
#: Free memory the heap keeps at its top before it gives any back: a few chunks' buffers.
KEPT_FREE_BYTES = 256 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Tell malloc to keep freed memory; False where it is not glibc's (nothing changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    # glibc returns 1 on success; musl's mallopt is a stub that returns 0.
    return bool(
        mallopt(_M_MMAP_THRESHOLD, HEAP_BLOCK_BYTES) and mallopt(_M_TRIM_THRESHOLD, KEPT_FREE_BYTES)
    )

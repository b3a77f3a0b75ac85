"""The key scheme: every key a run writes begins with ``<run id>-``, then a letter per table.

``<run>-P`` project, ``<run>-B<n>`` budget line, ``<run>-I<8 digits>`` invoice,
``<invoice>-L<n>`` its lines, ``<invoice>-R<n>`` its integration responses. Keys sort in
insertion order (fast B-tree inserts), and a run's rows are found, counted and purged by prefix.
"""

import hashlib
import re
import secrets
from datetime import UTC, datetime

from seed.errors import UsageError

_RUN_ID = re.compile(r"[A-Za-z0-9_]{1,30}")


def new_run_id(now: datetime | None = None) -> str:
    """Sortable by start time and unique; no '-', so ``<run id>-`` prefixes never overlap."""
    moment = now or datetime.now(UTC)
    return f"R{moment:%Y%m%dT%H%M%S}_{secrets.token_hex(3)}"


def factory_run_id(content: str) -> str:
    """The run id of rows the ORM factories make: ``F`` and a digest of ``content`` (what makes
    their content), so the same call gives the same keys. Seeding runs begin with ``R``."""
    return "F" + hashlib.blake2b(content.encode(), digest_size=6).hexdigest()


def check_run_id(run_id: str, name: str = "--run-id") -> str:
    if not _RUN_ID.fullmatch(run_id):
        raise UsageError(f"{name} {run_id!r} must be 1 to 30 letters, digits or underscores")
    return run_id


def run_prefix(run_id: str) -> str:
    """What every key of the run begins with."""
    return f"{run_id}-"


def project_key(run_id: str) -> str:
    return f"{run_id}-P"


def budget_line_key(run_id: str, number: int) -> str:
    return f"{run_id}-B{number}"


def invoice_prefix(run_id: str) -> str:
    """What the keys of a run's invoices begin with."""
    return f"{run_id}-I"


def invoice_key(run_id: str, index: int) -> str:
    return f"{invoice_prefix(run_id)}{index:08d}"


def line_key(invoice_key: str, number: int) -> str:
    return f"{invoice_key}-L{number}"


def response_key(invoice_key: str, attempt: int = 1) -> str:
    return f"{invoice_key}-R{attempt}"


def run_of_key(key: str) -> str:
    """The run id a key begins with (run ids have no '-')."""
    return key.split("-", 1)[0]

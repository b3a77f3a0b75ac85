"""Rows of the run ledger (``seed_runs``): who seeded what, with which options, and how it ended."""

import getpass
import socket
from dataclasses import asdict
from datetime import datetime
from typing import Any

from seed import __version__
from seed.options import SeedOptions


def options_record(options: SeedOptions) -> dict[str, Any]:
    record = asdict(options)
    record["as_of"] = options.as_of.isoformat()
    record["approval_limit"] = str(options.approval_limit)
    record["statuses"] = list(options.statuses)
    record["hold_reasons"] = list(options.hold_reasons)
    return record


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def ledger_row(
    run_id: str,
    options: SeedOptions,
    project_id: str,
    started_at: datetime,
    finished_at: datetime | None,
    outcome: str,
    row_counts: dict[str, int] | None,
    message: str | None = None,
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": finished_at,
        "outcome": outcome,
        "user_name": current_user()[:100],
        "host_name": socket.gethostname()[:200],
        "tool_version": __version__,
        "project_id": project_id,
        "options": options_record(options),
        "row_counts": row_counts,
        "message": message,
    }

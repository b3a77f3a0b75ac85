"""Run ids and indexes of what the ORM factories make, in the bulk path's key scheme.

A factory run is named by a digest of what makes its content (seed, options, pins, project), so
the same call gives the same keys, and calls that differ never share an index sequence. The next
index continues after the run's invoices already in the session's database: no counter lives
anywhere but in the data.
"""

import json
from dataclasses import asdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Invoice, Project
from seed.generate.factories.spec import InvoiceSpec
from seed.generate.options import SeedOptions
from seed.keys import factory_run_id, invoice_key, project_key
from seed.runs.ledger import options_record


def run_id_of(options: SeedOptions, spec: InvoiceSpec | None, project_id: str | None) -> str:
    parts: dict[str, Any] = {"options": options_record(options), "project": project_id}
    if spec is not None:
        parts["spec"] = asdict(spec)
    return factory_run_id(json.dumps(parts, sort_keys=True, default=str))


def next_index(session: Session, run_id: str) -> int:
    """The index after the run's last invoice in ``session`` (0 for a new run)."""
    prefix = invoice_key(run_id, 0).removesuffix("00000000")
    last = session.scalar(
        select(func.max(Invoice.id)).where(Invoice.id.startswith(prefix, autoescape=True))
    )
    return 0 if last is None else int(last.removeprefix(prefix)) + 1


def free_project_run_id(session: Session, run_id: str) -> str:
    """``run_id``, or ``run_id_2``, ``_3``... when a project already has that run's key."""
    candidate, number = run_id, 1
    while session.get(Project, project_key(candidate)) is not None:
        number += 1
        candidate = f"{run_id}_{number}"
    return candidate

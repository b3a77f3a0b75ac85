"""Hold reason coverage, per run in the ledger: a run shows as many reasons as it can.

A run with at least as many Holds as eligible reasons shows every one of them; a smaller run
shows as many distinct reasons as it has Holds. Eligible: the reasons its ``--hold-reason``
named (all 8 when none), less the duplicate when the run had no Paid invoice to duplicate.
"""

from collections.abc import Iterator

from sqlalchemy import Text, and_, case, cast, func, literal, select

from models import SeedRun
from seed.domain.holds import BY_CODE, HOLD_REASONS
from seed.keys import invoice_prefix
from seed.runs.ledger import COMPLETE
from seed.verify.base import HOLD, INV, Check, id_and_ok
from seed.verify.sql import json_text

RUNS = SeedRun.__table__
_DUPLICATE = next(r.code for r in HOLD_REASONS if r.needs_paid_twin)


def coverage_checks() -> Iterator[Check]:
    options = RUNS.c.options
    listed = [json_text(options, "hold_reasons", k) for k in range(len(BY_CODE))]
    named = sum((case((code.is_not(None), 1), else_=0) for code in listed), literal(0))
    has_paid = cast(options, Text).contains('"Paid"')
    duplicate_named = sum((case((code == _DUPLICATE, 1), else_=0) for code in listed), literal(0))
    eligible = case(
        (named == 0, len(BY_CODE) - case((has_paid, 0), else_=1)),
        else_=named - case((has_paid, 0), else_=duplicate_named),
    )
    per_run = (
        select(
            RUNS.c.run_id.label("run_id"),
            eligible.label("eligible"),
            func.count().label("holds"),
            func.count(func.distinct(INV.c.error_code)).label("reasons"),
        )
        .select_from(
            # Invoice keys begin with the run id and the invoice prefix of the key scheme.
            RUNS.join(INV, INV.c.id.startswith(RUNS.c.run_id.concat(invoice_prefix(""))))
        )
        .where(RUNS.c.outcome == COMPLETE, INV.c.status == HOLD)
        .group_by(RUNS.c.run_id, RUNS.c.options)
        .subquery("per_run")
    )
    expected = case(
        (per_run.c.holds < per_run.c.eligible, per_run.c.holds), else_=per_run.c.eligible
    )
    yield Check(
        "Hold reason coverage",
        "a complete run shows every eligible Hold reason once it has as many Holds, else as many "
        "distinct reasons as Holds",
        "seed_runs",
        id_and_ok(per_run.c.run_id, and_(per_run.c.reasons >= expected)),
    )

"""A database with every status and every Hold reason, for the scenario, verify and report tests."""

from datetime import date

from sqlalchemy import URL

from seed.domain.holds import HOLD_REASONS
from seed.generate.options import SeedOptions
from seed.generate.plan import REALISTIC_MIX
from seed.run import RunSettings, seed_run

AS_OF = date(2026, 11, 24)


def seed_every_scenario(url: URL, seed: int = 3, per_status: int = 8) -> None:
    """One run of all statuses, one run per Hold reason (Paid and Hold: the duplicate's twin is
    Paid), then a production-like run with integration histories, all in the same project."""
    seed_run(url, SeedOptions(seed=seed, as_of=AS_OF, per_status=per_status), RunSettings("RUNALL"))
    for number, scenario in enumerate(HOLD_REASONS, start=1):
        options = SeedOptions(
            seed=seed * 100 + number,
            as_of=AS_OF,
            per_status=2,
            statuses=("Paid", "Hold"),
            hold_reasons=(scenario.code,),
        )
        seed_run(url, options, RunSettings(f"RUNH{number}"))
    ledger = SeedOptions(
        seed=seed + 1000, as_of=AS_OF, invoices=400, mix=tuple(REALISTIC_MIX.items())
    )
    seed_run(url, ledger, RunSettings("RUNLEDGER"))

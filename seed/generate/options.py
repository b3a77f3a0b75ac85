"""What a user asked a run to produce, validated once, before anything connects or writes."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from seed.domain.holds import refuse_unusable_reasons
from seed.domain.statuses import STATUSES
from seed.errors import UsageError
from seed.generate.plan import StatusPlan

DEFAULT_PROJECT_NUMBER = "PROJ-001"
DEFAULT_PROJECT_NAME = "Riverside Medical Center Expansion"
DEFAULT_COMPANY = "Hold Busters Construction Co."
DEFAULT_APPROVAL_LIMIT = Decimal("50000.00")
#: Far more than any dashboard needs, and what fits the 8-digit key sequence.
MAX_INVOICES = 50_000_000


@dataclass(frozen=True)
class SeedOptions:
    """The content of a run. The same options (with the same seed) give the same rows.

    Two shapes: ``per_status`` invoices of each of ``statuses`` (SEED.md's shape), or
    ``invoices`` invoices in the shares of ``mix`` (a production ledger: histories, 13 months).
    """

    seed: int
    as_of: date
    per_status: int = 2
    statuses: tuple[str, ...] = STATUSES
    #: ``--invoices N``: the run's size in the ledger shape (``per_status`` is then unused).
    invoices: int | None = None
    #: (status, weight) pairs of the ledger shape (``seed.generate.plan.parse_mix``).
    mix: tuple[tuple[str, int], ...] = ()
    hold_reasons: tuple[str, ...] = ()
    vendor: str | None = None
    po_number: str | None = None
    project_number: str = DEFAULT_PROJECT_NUMBER
    #: Name and company of a new project; None: the defaults. An existing project keeps its own.
    project_name: str | None = None
    company: str | None = None
    approval_limit: Decimal = DEFAULT_APPROVAL_LIMIT
    currency: str = field(default="USD")

    def __post_init__(self) -> None:
        if self.per_status < 0:
            raise UsageError(f"--per-status must be 0 or more, not {self.per_status}")
        if self.invoices is not None:
            if self.invoices < 0:
                raise UsageError(f"--invoices must be 0 or more, not {self.invoices}")
            if not self.mix:
                raise UsageError("--invoices needs a --mix")
            # The ledger shape's statuses are the mix's: recorded and checked like any others.
            object.__setattr__(self, "per_status", 0)
            object.__setattr__(self, "statuses", tuple(s for s in STATUSES if s in dict(self.mix)))
        if self.invoice_count > MAX_INVOICES:
            raise UsageError(
                f"{self.invoice_count:,} invoices is more than one run can seed ({MAX_INVOICES:,})"
            )
        if not self.statuses:
            raise UsageError("choose at least one status")
        refuse_unusable_reasons(self.hold_reasons, self.statuses)
        for name, value in (
            ("--project-number", self.project_number),
            ("--project-name", self.project_name),
            ("--company", self.company),
            ("--vendor", self.vendor),
            ("--po", self.po_number),
        ):
            if value is not None and not value.strip():
                raise UsageError(f"{name} must not be empty")
        if len(self.project_number) > 32:
            raise UsageError("--project-number is at most 32 characters")
        if self.approval_limit <= 0 or self.approval_limit >= Decimal("100000000"):
            raise UsageError("--approval-limit must be above 0 and below 100,000,000")

    @property
    def new_project_name(self) -> str:
        return DEFAULT_PROJECT_NAME if self.project_name is None else self.project_name

    @property
    def new_company(self) -> str:
        return DEFAULT_COMPANY if self.company is None else self.company

    @property
    def ledger(self) -> bool:
        """A production-like run (``--invoices``) rather than SEED.md's shape."""
        return self.invoices is not None

    @property
    def invoice_count(self) -> int:
        if self.invoices is not None:
            return self.invoices
        return self.per_status * len(self.statuses)

    @cached_property
    def plan(self) -> StatusPlan:
        if self.invoices is not None:
            return StatusPlan.of_mix(dict(self.mix))
        return StatusPlan.interleaved(self.statuses)

    def status_of(self, index: int) -> str:
        """Statuses follow the plan's cycle, so each chunk of a stream holds every status."""
        return self.plan.status_of(index)

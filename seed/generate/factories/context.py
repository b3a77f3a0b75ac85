"""What every factory of one run shares: the run's id, its options and its project."""

from dataclasses import dataclass

from seed.generate.options import SeedOptions
from seed.keys import invoice_key


@dataclass(frozen=True)
class ProjectContext:
    """The project a run's invoices belong to (new, or reused by project number)."""

    project_id: str
    project_number: str
    #: cost category -> budget line id
    budget_line_ids: dict[str, str]


@dataclass(frozen=True)
class RunContext:
    run_id: str
    options: SeedOptions
    project: ProjectContext

    def invoice_id(self, index: int) -> str:
        """Invoice ``index``'s key (seed.keys)."""
        return invoice_key(self.run_id, index)

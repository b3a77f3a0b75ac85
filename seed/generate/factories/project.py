"""Builds a run's project row (only when no project has its project number yet)."""

from datetime import timedelta
from typing import Any

from seed.generate.options import SeedOptions
from seed.generate.values import business_time, record_rng
from seed.keys import project_key


class ProjectFactory:
    def __init__(self, options: SeedOptions, run_id: str) -> None:
        self.options = options
        self.run_id = run_id

    def build(self) -> dict[str, Any]:
        options = self.options
        rng = record_rng(options.seed, "project", 0)
        started = options.as_of - timedelta(days=rng.randint(200, 400))
        return {
            "id": project_key(self.run_id),
            "project_number": options.project_number,
            "name": options.new_project_name,
            "company": options.new_company,
            "currency": options.currency,
            "created_at": business_time(rng, started),
        }

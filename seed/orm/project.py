"""``ProjectFactory``: a project with its five budget lines, as model objects."""

from datetime import date
from typing import Any, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Project
from seed.domain.catalog import BUDGET_CATEGORIES
from seed.errors import SeedError
from seed.generate.factories.budget_line import BudgetLineFactory
from seed.generate.factories.project import ProjectFactory as ProjectRows
from seed.generate.options import (
    DEFAULT_COMPANY,
    DEFAULT_PROJECT_NAME,
    DEFAULT_PROJECT_NUMBER,
    SeedOptions,
)
from seed.orm.convert import project_of
from seed.orm.keys import free_project_run_id, run_id_of
from seed.orm.overrides import DEFAULT_SEED, ProjectOverrides

_COLUMNS = {"project_number", "name", "company", "currency"}
_TRAITS = {"seed", "as_of"}


def project_options(overrides: dict[str, Any]) -> SeedOptions:
    unknown = sorted(set(overrides) - _COLUMNS - _TRAITS)
    if unknown:
        raise ValueError(
            f"unknown override {', '.join(unknown)} for a project: pass "
            f"{', '.join(sorted(_COLUMNS | _TRAITS))} (ids and created_at are the factory's)"
        )
    seed = overrides.get("seed", DEFAULT_SEED)
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed={seed!r} must be a whole number, 0 or more")
    try:
        return SeedOptions(
            seed=seed,
            as_of=overrides.get("as_of") or date.today(),
            project_number=overrides.get("project_number", DEFAULT_PROJECT_NUMBER),
            project_name=overrides.get("name", DEFAULT_PROJECT_NAME),
            company=overrides.get("company", DEFAULT_COMPANY),
            currency=overrides.get("currency", "USD"),
        )
    except SeedError as error:
        raise ValueError(str(error)) from None


def project_from(options: SeedOptions, run_id: str) -> Project:
    """The generator's project row and budget lines of ``run_id``, as objects."""
    row = ProjectRows(options, run_id).build()
    categories = tuple(category for category, _, _ in BUDGET_CATEGORIES)
    budget = BudgetLineFactory(options.seed, run_id).build(row["id"], row["created_at"], categories)
    return project_of(row, budget)


class ProjectFactory:
    """Projects with their budget lines (Labor, Materials, Services, Equipment, Subcontractors).

    ``build`` makes transient objects; ``create`` adds them to a session and flushes: the
    caller commits or rolls back.
    """

    @classmethod
    def build(cls, **overrides: Unpack[ProjectOverrides]) -> Project:
        options = project_options(dict(overrides))
        return project_from(options, run_id_of(options, None, None))

    @classmethod
    def create(cls, session: Session, **overrides: Unpack[ProjectOverrides]) -> Project:
        """A new project in ``session``. Its number is new, as `seed verify` checks: without
        ``project_number``, the first free ``PROJ-001``, ``PROJ-002``, ...; a number that exists
        is refused (pass ``project=`` to add invoices to that project)."""
        taken = set(session.scalars(select(Project.project_number)))
        wanted = dict(overrides)
        if "project_number" not in wanted:
            wanted["project_number"] = next(
                number
                for number in (f"PROJ-{n:03d}" for n in range(1, len(taken) + 2))
                if number not in taken
            )
        elif wanted["project_number"] in taken:
            raise ValueError(
                f"project_number={wanted['project_number']!r} exists: pass project= to add "
                "invoices to it, or choose another number"
            )
        options = project_options(wanted)
        run_id = free_project_run_id(session, run_id_of(options, None, None))
        project = project_from(options, run_id)
        session.add(project)
        session.flush()
        return project

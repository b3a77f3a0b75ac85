"""``InvoiceFactory``: invoices with their lines, integration response, project and budget
lines, as model objects made from the generator's rows (the same rows `seed` writes)."""

from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Invoice, Project
from seed.generate.factories import InvoiceTree, ProjectContext, RunContext
from seed.generate.factories.invoice import InvoiceFactory as InvoiceRows
from seed.generate.options import SeedOptions
from seed.generate.values import record_rng
from seed.orm.convert import cover_spend, invoice_of, spend_of
from seed.orm.keys import next_index, run_id_of
from seed.orm.overrides import DEFAULT_SEED, InvoiceOverrides, InvoicePlan, invoice_plan, refusal
from seed.orm.project import ProjectFactory
from seed.runs.project import project_spend

#: Days around the first estimate of the as-of day that puts an invoice on the date asked for.
_AS_OF_OFFSETS = [day for distance in range(21) for day in (distance, -distance - 1)]
#: Seeds of the record tried in turn when none of those days fits its draws.
_SEED_TRIES = 12


class InvoiceFactory:
    """Invoices that keep every invariant `seed verify` checks, whatever the overrides.

    Overrides name any column of ``invoices`` or a trait: ``hold_reason``, ``lines``, ``seed``,
    ``as_of``, ``approval_limit``, ``project``. One that cannot be kept raises ``ValueError``.
    """

    @classmethod
    def build(cls, **overrides: Unpack[InvoiceOverrides]) -> Invoice:
        """A transient invoice with its project, budget lines, lines and responses attached."""
        return cls.build_batch(1, **overrides)[0]

    @classmethod
    def build_batch(cls, n: int, **overrides: Unpack[InvoiceOverrides]) -> list[Invoice]:
        plan = _plan(n, dict(overrides))
        if plan.project_id is not None and plan.project is None:
            raise ValueError("project_id= needs a session: pass project= to build()")
        project = plan.project or ProjectFactory.build(**_project_overrides(plan))
        run_id = run_id_of(plan.options, plan.spec, project.id)
        asked, made = _invoices(plan, project, run_id, 0, n)
        cover_spend(project, spend_of(made), new=plan.project is None)
        return asked

    @classmethod
    def create(cls, session: Session, **overrides: Unpack[InvoiceOverrides]) -> Invoice:
        """``build``, added to ``session`` and flushed; the caller commits or rolls back."""
        return cls.create_batch(session, 1, **overrides)[0]

    @classmethod
    def create_batch(
        cls, session: Session, n: int, **overrides: Unpack[InvoiceOverrides]
    ) -> list[Invoice]:
        """``n`` invoices of one project (``project=``, else the project with the project
        number, made if missing), continuing the sequence of earlier calls alike."""
        plan = _plan(n, dict(overrides))
        project, new = _project(session, plan)
        run_id = run_id_of(plan.options, plan.spec, project.id)
        asked, made = _invoices(plan, project, run_id, next_index(session, run_id), n)
        session.add_all(made)
        session.flush()
        cover_spend(project, project_spend(session.connection(), project.id), new=new)
        session.flush()
        return asked


def _plan(n: int, overrides: dict[str, Any]) -> InvoicePlan:
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n={n!r}: make at least one invoice")
    if n > 1 and ("id" in overrides or "invoice_number" in overrides):
        raise ValueError("id= and invoice_number= name one invoice: make one at a time")
    return invoice_plan(overrides, DEFAULT_SEED)


def _project_overrides(plan: InvoicePlan) -> dict[str, Any]:
    options = plan.options
    return {
        "project_number": options.project_number,
        "currency": options.currency,
        "seed": options.seed,
        "as_of": options.as_of,
    }


def _project(session: Session, plan: InvoicePlan) -> tuple[Project, bool]:
    """The project asked for, else the first with the project number (as `seed` reuses it),
    else a new one; and whether it is new."""
    if plan.project is not None:
        return plan.project, False
    if plan.project_id is not None:
        project = session.get(Project, plan.project_id)
        if project is None:
            raise ValueError(f"project_id={plan.project_id!r}: no such project in the session")
        return project, False
    number = plan.options.project_number
    found = session.scalars(
        select(Project)
        .where(Project.project_number == number)
        .order_by(Project.created_at, Project.id)
        .limit(1)
    ).first()
    if found is not None:
        return found, False
    return ProjectFactory.create(session, **_project_overrides(plan)), True


def _invoices(
    plan: InvoicePlan, project: Project, run_id: str, start: int, n: int
) -> tuple[list[Invoice], list[Invoice]]:
    """The ``n`` invoices asked for from index ``start`` of the run, and all invoices made: a
    duplicate Hold comes after the Paid invoice it repeats (the run's statuses alternate Paid,
    Hold, so the Paid one has an even index)."""
    budget: dict[str, str] = {}
    for line in project.budget_lines:
        budget.setdefault(line.cost_category, line.id)
    context = ProjectContext(project.id, project.project_number, budget)
    asked: list[Invoice] = []
    made: list[Invoice] = []
    if plan.duplicate:
        start += start % 2
        for number in range(n):
            twin, hold = _trees(plan, context, run_id, start + 2 * number + 1)
            made.append(invoice_of(twin, project))
            asked.append(invoice_of(hold, project))
            made.append(asked[-1])
        return asked, made
    for index in range(start, start + n):
        (tree,) = _trees(plan, context, run_id, index)
        asked.append(invoice_of(tree, project))
    return asked, asked


def _trees(
    plan: InvoicePlan, context: ProjectContext, run_id: str, index: int
) -> list[InvoiceTree]:
    """The rows of invoice ``index`` (with its twin first, for a duplicate), on the invoice date
    asked for: the whole timeline moves with the as-of day, so every date stays consistent.

    The calendar (business days, month-end billing, payment runs) moves the invoice date unevenly
    with the as-of day, and a record whose draws bill at month end never lands mid-month. So the
    as-of days around the estimate are tried, then the same with the record's next seeds (derived
    from the seed: the same overrides still give the same invoice)."""
    options = plan.options
    trees = _built(plan, context, run_id, index, options)
    wanted = plan.invoice_date
    if wanted is not None and trees[-1].invoice["invoice_date"] != wanted:
        found = _on_date(plan, context, run_id, index, wanted)
        trees = found or trees
    made = trees[-1].invoice
    for column, value in plan.expected.items():
        if made[column] != value:
            raise refusal(column, value, made[column])
    return trees


def _on_date(
    plan: InvoicePlan, context: ProjectContext, run_id: str, index: int, wanted: date
) -> list[InvoiceTree] | None:
    for attempt in range(_SEED_TRIES):
        seed = plan.options.seed
        if attempt:
            seed = record_rng(seed, "invoice-date", attempt).randrange(2**63)
        options = replace(plan.options, seed=seed)
        made = _built(plan, context, run_id, index, options)[-1].invoice["invoice_date"]
        estimate = options.as_of + (wanted - made)
        for offset in _AS_OF_OFFSETS:
            as_of = estimate + timedelta(days=offset)
            trees = _built(plan, context, run_id, index, replace(options, as_of=as_of))
            if trees[-1].invoice["invoice_date"] == wanted:
                return trees
    return None


def _built(
    plan: InvoicePlan, context: ProjectContext, run_id: str, index: int, options: SeedOptions
) -> list[InvoiceTree]:
    run = RunContext(run_id, options, context)
    trees = [InvoiceRows(run, plan.spec).build(index)]
    if plan.duplicate:
        trees.insert(0, InvoiceRows(run, plan.spec.for_twin()).build(index - 1))
    return trees

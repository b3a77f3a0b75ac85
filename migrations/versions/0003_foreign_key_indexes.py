"""Indexes on the foreign-key columns, on SQLite and PostgreSQL only.

Both check a parent row's children when it is deleted (``seed purge``): without an index on the
child's foreign-key column that is a full scan of the child table per deleted row, which made
purging a 20,000-invoice run take 21 s on SQLite and 176 s on PostgreSQL. Databricks has no
indexes (and does not enforce foreign keys), so nothing is created there. The models declare no
indexes; env.py leaves these out of `alembic check`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_budget_lines_project_id", "budget_lines", "project_id"),
    ("ix_invoices_project_id", "invoices", "project_id"),
    ("ix_invoice_lines_invoice_id", "invoice_lines", "invoice_id"),
    ("ix_invoice_lines_budget_line_id", "invoice_lines", "budget_line_id"),
    ("ix_integration_responses_invoice_id", "integration_responses", "invoice_id"),
)


def _indexed() -> bool:
    return op.get_context().dialect.name in ("sqlite", "postgresql")


def upgrade() -> None:
    if _indexed():
        for name, table, column in INDEXES:
            op.create_index(name, table, [column])


def downgrade() -> None:
    if _indexed():
        for name, table, _ in reversed(INDEXES):
            op.drop_index(name, table_name=table)

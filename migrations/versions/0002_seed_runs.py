"""The seeder's run ledger: who seeded what, when, with which options, and how it ended.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seed_runs",
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("host_name", sa.String(200), nullable=False),
        sa.Column("tool_version", sa.String(20), nullable=False),
        sa.Column("project_id", sa.String(64), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("row_counts", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("run_id", name="pk_seed_runs"),
    )


def downgrade() -> None:
    op.drop_table("seed_runs")

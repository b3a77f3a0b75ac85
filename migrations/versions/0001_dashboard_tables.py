"""The five Hold Busters tables.

Hand-reviewed for portability: string keys, Numeric money, JSON as text, no Enum, index,
unique or check constraint, and every constraint named (Databricks requires named foreign keys).

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = sa.String(64)
MONEY = sa.Numeric(12, 2)


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", KEY, nullable=False),
        sa.Column("project_number", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_projects"),
    )
    op.create_table(
        "budget_lines",
        sa.Column("id", KEY, nullable=False),
        sa.Column("project_id", KEY, nullable=False),
        sa.Column("cost_category", sa.String(40), nullable=False),
        sa.Column("gl_account", sa.String(20), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("budget_amount", MONEY, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_budget_lines"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name="fk_budget_lines_project_id_projects"
        ),
    )
    op.create_table(
        "invoices",
        sa.Column("id", KEY, nullable=False),
        sa.Column("project_id", KEY, nullable=False),
        sa.Column("invoice_number", sa.String(40), nullable=False),
        sa.Column("vendor_name", sa.String(200), nullable=False),
        sa.Column("vendor_id", sa.String(20), nullable=False),
        sa.Column("po_number", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("integration_status", sa.String(20), nullable=False),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("total_amount", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("payment_terms", sa.String(20), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("days_pending", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_invoices"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name="fk_invoices_project_id_projects"
        ),
    )
    op.create_table(
        "invoice_lines",
        sa.Column("id", KEY, nullable=False),
        sa.Column("invoice_id", KEY, nullable=False),
        sa.Column("budget_line_id", KEY, nullable=True),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("cost_category", sa.String(40), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Numeric(12, 2), nullable=False),
        sa.Column("unit_of_measure", sa.String(8), nullable=False),
        sa.Column("unit_price", MONEY, nullable=False),
        sa.Column("tax_code", sa.String(12), nullable=False),
        sa.Column("line_amount", MONEY, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_invoice_lines"),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name="fk_invoice_lines_invoice_id_invoices"
        ),
        sa.ForeignKeyConstraint(
            ["budget_line_id"],
            ["budget_lines.id"],
            name="fk_invoice_lines_budget_line_id_budget_lines",
        ),
    )
    op.create_table(
        "integration_responses",
        sa.Column("id", KEY, nullable=False),
        sa.Column("invoice_id", KEY, nullable=False),
        sa.Column("operation", sa.String(20), nullable=False),
        sa.Column("request_payload", sa.Text(), nullable=False),
        sa.Column("response_payload", sa.Text(), nullable=False),
        sa.Column("response_status", sa.String(20), nullable=False),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("error_details", sa.Text(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("responded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_integration_responses"),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoices.id"], name="fk_integration_responses_invoice_id_invoices"
        ),
    )


def downgrade() -> None:
    op.drop_table("integration_responses")
    op.drop_table("invoice_lines")
    op.drop_table("invoices")
    op.drop_table("budget_lines")
    op.drop_table("projects")

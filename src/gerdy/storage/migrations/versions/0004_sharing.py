"""Clinician accounts and sharing a record with them.

- `accounts.role` ("runner" or "clinician"; every existing account is a runner) and
  `accounts.display_name` (the name a clinician signs their events with).
- `share_codes`: a runner's one-time codes (SHA-256 only), valid until `expires_at`.
- `shares`: which clinician reads which runner's record, until revoked.
- `access_log`: who looked at or wrote to which record, what and when.

Hand-written and portable like 0001: keep in step with gerdy/storage/tables.py.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def account_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["accounts.id"], name=f"fk_{table}_{column}_accounts", ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("role", sa.String(16), nullable=False, server_default="runner"))
        batch.add_column(sa.Column("display_name", sa.String(100), nullable=True))
    op.create_table(
        "share_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name="pk_share_codes"),
        account_fk("share_codes", "runner_id", "CASCADE"),
    )
    op.create_index("ix_share_codes_runner_id", "share_codes", ["runner_id"])
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_shares"),
        account_fk("shares", "runner_id", "CASCADE"),
        account_fk("shares", "clinician_id", "CASCADE"),
    )
    op.create_index("ix_shares_runner_id", "shares", ["runner_id"])
    op.create_index("ix_shares_clinician_id", "shares", ["clinician_id"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=True),
        sa.Column("clinician_name", sa.String(100), nullable=False),
        sa.Column("what", sa.String(40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_access_log"),
        account_fk("access_log", "runner_id", "CASCADE"),
        account_fk("access_log", "clinician_id", "SET NULL"),
    )
    op.create_index("ix_access_log_runner_id_at", "access_log", ["runner_id", "at"])
    op.create_index("ix_access_log_clinician_id_at", "access_log", ["clinician_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_access_log_clinician_id_at", table_name="access_log")
    op.drop_index("ix_access_log_runner_id_at", table_name="access_log")
    op.drop_table("access_log")
    op.drop_index("ix_shares_clinician_id", table_name="shares")
    op.drop_index("ix_shares_runner_id", table_name="shares")
    op.drop_table("shares")
    op.drop_index("ix_share_codes_runner_id", table_name="share_codes")
    op.drop_table("share_codes")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("display_name")
        batch.drop_column("role")

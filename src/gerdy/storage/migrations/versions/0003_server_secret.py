"""The server's secret, rate-limit rows owned by accounts, one import at a time per account.

- `server_secrets`: named random secrets made on first start (the key of CSRF tokens and of
  the rate-limit buckets), shared by every app server on the database.
- `rate_limits` is rebuilt (its rows are short-lived counters, nothing is lost): buckets are
  now HMACs under the server's secret, a row may belong to an account (removed with it) and
  weighs `amount` (1 for an attempt, bytes for an import); expired rows are deleted by time.
- `import_locks`: the account's running import (one at a time, across app servers).

Hand-written and portable like 0001: keep in step with gerdy/storage/tables.py.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_server_secrets"),
    )
    op.drop_index("ix_rate_limits_bucket_occurred_at", table_name="rate_limits")
    op.drop_table("rate_limits")
    op.create_table(
        "rate_limits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bucket", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_rate_limits"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_rate_limits_account_id_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_rate_limits_bucket_occurred_at", "rate_limits", ["bucket", "occurred_at"])
    op.create_index("ix_rate_limits_occurred_at", "rate_limits", ["occurred_at"])
    op.create_index("ix_rate_limits_account_id", "rate_limits", ["account_id"])
    op.create_table(
        "import_locks",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("account_id", name="pk_import_locks"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_import_locks_account_id_accounts",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("import_locks")
    op.drop_index("ix_rate_limits_account_id", table_name="rate_limits")
    op.drop_index("ix_rate_limits_occurred_at", table_name="rate_limits")
    op.drop_index("ix_rate_limits_bucket_occurred_at", table_name="rate_limits")
    op.drop_table("rate_limits")
    op.create_table(
        "rate_limits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bucket", sa.String(64), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rate_limits"),
    )
    op.create_index("ix_rate_limits_bucket_occurred_at", "rate_limits", ["bucket", "occurred_at"])
    op.drop_table("server_secrets")

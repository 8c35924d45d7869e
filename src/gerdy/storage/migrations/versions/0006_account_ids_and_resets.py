"""Accounts: ids never given twice, and a password reset that must be followed by a change.

- On SQLite, `accounts` is rebuilt with AUTOINCREMENT: a plain INTEGER PRIMARY KEY gives a new
  row the highest id plus one, so deleting the newest account let the next sign-up take its id
  (and whatever still named that id). PostgreSQL's serial sequence never goes back already.
  `gerdy.storage.migrate` turns SQLite's foreign keys off around the upgrade, so the rebuild
  cannot cascade into the sessions, shares and limits that refer to the accounts.
- `must_change_password`: set by `gerdy users reset-password`; the account must choose its own
  password at its next sign-in.

Hand-written and portable like 0001: keep in step with gerdy/storage/tables.py.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-09
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table(
        "accounts",
        recreate="always" if sqlite else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch:
        batch.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("must_change_password")

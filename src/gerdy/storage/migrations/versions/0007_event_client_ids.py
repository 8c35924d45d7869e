"""`events.client_id`: the id a client gave an entry (the offline queue, an API client's retry),
unique per record, so that a request sent twice writes once. A unique index, not a table
constraint: SQLite adds it without rebuilding the table, and several NULLs (entries without a
client id) never collide on either backend.

Hand-written and portable like 0001: keep in step with gerdy/storage/tables.py.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("client_id", sa.String(64), nullable=True))
    op.create_index(
        "ix_events_person_id_client_id", "events", ["person_id", "client_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_events_person_id_client_id", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("client_id")

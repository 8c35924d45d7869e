"""The initial schema: people and their append-only events.

Hand-written and portable: only generic types (JSON, Date, DateTime with time zone), explicit
constraint names, no dialect-specific DDL. Keep in step with gerdy/storage/tables.py.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handle", sa.String(64), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("handle", name="uq_people_handle"),
    )
    op.create_table(
        "events",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("supersedes", sa.String(64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_events_person_id_people",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("person_id", "id", name="uq_events_person_id_id"),
    )
    op.create_index("ix_events_person_id_date", "events", ["person_id", "date"])
    op.create_index("ix_events_source_sha256", "events", ["source_sha256"])


def downgrade() -> None:
    op.drop_index("ix_events_source_sha256", table_name="events")
    op.drop_index("ix_events_person_id_date", table_name="events")
    op.drop_table("events")
    op.drop_table("people")

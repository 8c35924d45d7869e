"""The typed ORM classes read what the store wrote (they map onto the same tables)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gerdy.storage.models import EventRow, PersonRow
from gerdy.storage.store import RecordStore

from .records import SHA_A, SHA_B, one_of_each, sample_profile


def test_orm_rows_see_the_stores_record(store: RecordStore) -> None:
    store.save_profile(sample_profile())
    stored = store.append(one_of_each())

    with Session(store.engine) as session:
        person = session.scalars(select(PersonRow).where(PersonRow.handle == "local")).one()
        rows = session.scalars(
            select(EventRow).where(EventRow.person_id == person.id).order_by(EventRow.seq)
        ).all()

    assert person.profile == sample_profile().model_dump(mode="json")
    assert person.created_at.tzinfo is not None
    assert [row.id for row in rows] == [event.id for event in stored]
    assert [row.type for row in rows] == [event.type for event in stored]
    assert [row.source_sha256 for row in rows if row.source_sha256] == [SHA_A, SHA_B]
    assert rows[0].payload == stored[0].model_dump(mode="json", exclude_none=True)

"""Typed ORM classes over the tables of `tables.py`, for code that wants mapped objects (the
web app, ad-hoc queries). The store itself uses Core and must not import this module: the ORM
is slow to import and `gerdy today` must start fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped

from gerdy.storage import tables


class Base(DeclarativeBase):
    metadata = tables.metadata


class PersonRow(Base):
    __table__ = tables.people

    id: Mapped[int]
    handle: Mapped[str]
    profile: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    version: Mapped[int]


class EventRow(Base):
    __table__ = tables.events

    seq: Mapped[int]
    id: Mapped[str]
    person_id: Mapped[int]
    type: Mapped[str]
    date: Mapped[dt.date]
    supersedes: Mapped[str | None]
    payload: Mapped[dict[str, Any]]
    recorded_at: Mapped[dt.datetime]
    source_sha256: Mapped[str | None]

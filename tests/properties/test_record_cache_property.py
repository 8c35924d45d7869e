"""The record cache never serves a stale Today: after any sequence of writes through the
Coach (events of every kind, corrections, retractions, profile edits, a clinician's word;
some refused), written through this process's cache, another process's or none, Today's
profile, plan and notes read through the cache equal those of a Coach without one, which
replays the record from the database; and so does the Progress series."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from gerdy.domain.errors import GerdyError
from gerdy.domain.events import Checkin, Event
from gerdy.domain.profile import Profile
from gerdy.reports.progress import progress_series
from gerdy.services import Coach
from gerdy.services.authorship import Authorship
from gerdy.services.coach import Signer
from gerdy.services.record_cache import RecordCache
from gerdy.storage.opening import open_database
from gerdy.storage.store import RecordStore

from .examples import examples
from .strategies import PROTOCOL, checkin_answers, disturbed_day

NOW = dt.datetime(2026, 6, 10, 18, tzinfo=dt.UTC)
TODAY = NOW.date()
EDITS: list[dict[str, Any]] = [
    {"units": "imperial"},
    {"units": "metric"},
    {"baseline_weekly_run_minutes": 60.0},
    {"cadence_spm": 170},
    {"strength_days": ("tue", "thu", "sat")},
    {"track": "reduced"},
    {"start_date": TODAY - dt.timedelta(days=2)},  # refused once events are older
]
AUTHORSHIP = Authorship(lambda: b"the server's secret")
WRITERS = [0, 0, 1, 2]  # through our cache (twice as often), another process's, none
CLINICIAN_WORD: list[dict[str, Any]] = [
    {"type": "note", "text": "easy on the hills"},
    {"type": "settings_change", "strength_days": ["mon", "wed", "fri"]},
    {"type": "clearance", "rules": ["RED-1"]},
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path: Path = tmp_path_factory.mktemp("cache") / "gerdy.db"
    found = open_database(f"sqlite:///{path}")
    yield found
    found.dispose()


def clock() -> dt.datetime:
    return NOW


def write(data: st.DataObject, writer: Coach, logged: list[Event]) -> None:
    """One random write (a refused one changes nothing)."""
    kind = data.draw(st.sampled_from(["log", "log", "today", "correct", "retract", "edit", "word"]))
    start = writer.profile().start_date
    day = TODAY if kind == "today" else data.draw(st.dates(start, TODAY))
    if kind in ("log", "today"):
        logged += writer.log(
            *(disturbed_day(data.draw, day, 20) or [Checkin(date=day, pain_daily=0)])
        )
    elif kind in ("correct", "retract") and logged:
        old = data.draw(st.sampled_from(logged))
        if kind == "retract":
            writer.retract(str(old.id), TODAY)
        else:
            answers = data.draw(checkin_answers(20))
            logged.append(writer.correct(str(old.id), Checkin(date=old.date, **answers)))
    elif kind == "edit":
        writer.edit_profile(writer.profile().model_copy(update=data.draw(st.sampled_from(EDITS))))
    elif kind == "word":
        writer.record_as_clinician(
            Signer("Dr. Hart", 7), data.draw(st.sampled_from(CLINICIAN_WORD))
        )


def today_of(coach: Coach) -> tuple[Profile, object, list[Any]]:
    """What the Today page is drawn from: the profile, the plan, the last two weeks' word."""
    profile, plan, word = coach.plan_with_word(days=14)
    return profile, plan, word()


@examples(25, HealthCheck.function_scoped_fixture)
@given(st.integers(1, 60), st.lists(st.sampled_from(WRITERS), min_size=1, max_size=12), st.data())
def test_the_cached_today_equals_a_fresh_replay_after_any_writes(
    engine: Any, days: int, writers: list[int], data: st.DataObject
) -> None:
    store = RecordStore(engine, f"user:{uuid.uuid4().hex}")
    ours, theirs = RecordCache(), RecordCache()  # this process's cache, another process's

    def coach(cache: RecordCache | None) -> Coach:  # one per request, as the app makes them
        return Coach(store, PROTOCOL, clock, cache=cache, authorship=AUTHORSHIP)

    start = TODAY - dt.timedelta(days=days)
    coach(ours).start(Profile(start_date=start, side="left", baseline_weekly_run_minutes=120))
    logged: list[Event] = []
    for writer in writers:
        same_as_fresh(coach(ours), coach(None))  # kept in the cache now
        with contextlib.suppress(GerdyError):
            write(data, coach([ours, theirs, None][writer]), logged)
        same_as_fresh(coach(ours), coach(None))


def same_as_fresh(cached: Coach, fresh: Coach) -> None:
    assert today_of(cached) == today_of(fresh)
    assert cached.events() == fresh.events()
    assert progress_series(cached, TODAY) == progress_series(fresh, TODAY)

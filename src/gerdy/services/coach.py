"""The Coach: every use case over one runner's record — start it, log, correct, plan, export,
load and import. It is the only way to change a record: each event is validated once here (its
model owns the bounds of its values, `rules` the record's rules) before the store sees it.

Two writers: the runner (`log`, `record`, `correct`, `retract`: their own events, never one
signed by a clinician) and a clinician the runner shared their record with
(`record_as_clinician`: a clearance, a note or a settings change, signed with their name and
this server's signature; never pain, sessions or runs). `load` keeps an event as a clinician's
only when that signature verifies here (`services.authorship`).

The store stays inside: the edges (CLI, web) get events, plans and summaries, never the store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from gerdy.domain.document import Document, dump_document
from gerdy.domain.errors import GerdyError, InvalidInput, NoRecord, RecordNotEmpty
from gerdy.domain.event_types import CLINICIAN_EVENT_TYPES
from gerdy.domain.events import (
    RUNNER_AUTHOR_NAME,
    Author,
    Checkin,
    Clearance,
    Event,
    Note,
    Retraction,
    Run,
    SettingsChange,
    effective_events,
    parse_event,
    replaced_ids,
)
from gerdy.domain.profile import Profile, Units
from gerdy.domain.refusals import CLINICIAN_EVENTS_ONLY, RUNNER_RECORDS_AS_RUNNER
from gerdy.engine import DayPlan, DayProgress, plan_day, plan_days, progress_days
from gerdy.engine.feedback import Feedback, feedback_of
from gerdy.engine.plan import RunQuestion
from gerdy.engine.resume import plan_day_resuming
from gerdy.engine.settings import check_settings_change_on_record
from gerdy.protocol import Protocol, load_protocol
from gerdy.questions import after_question_from
from gerdy.services import rules
from gerdy.services.authorship import never_verifies, settle
from gerdy.services.clock import Clock, day_starts, runners_time, today_for
from gerdy.services.imports import RecordImport
from gerdy.services.plan_settings import (
    SettingName,
    SettingSource,
    runner_settings_edit,
    settings_sources,
)
from gerdy.services.record_cache import PLANS, PLANS_PER_RECORD, RECORD, RESUME, RecordCache, Slot

if TYPE_CHECKING:
    from gerdy.importers.pipeline import ImportOptions, ImportSummary
    from gerdy.services.authorship import Authorship
    from gerdy.storage.store import RecordStore, RecordVersion

T = TypeVar("T")
NO_PROFILE = "no profile yet: run `gerdy init` first (or `gerdy demo`)"
# The questions a run asks (v1.2), which may be answered after it was logged.
ANSWERS_OF_A_RUN = frozenset({"pain_during", "pain_worsened", "pain_after_hours"})
ClinicianWord = Clearance | Note | SettingsChange
# The sessions "done as prescribed" logs in one go (`Coach.as_prescribed`).
SESSIONS_AS_PRESCRIBED = ("roll", "stretch", "strength")


class ReplacedSince(GerdyError):
    """A check-in made before another check-in of its day was recorded: saving it now would
    replace the later one (the day's latest check-in counts), so it is refused, unsaved."""


@dataclass(frozen=True)
class LoggedWithPlan:
    """An event as stored, and the plan of its day (what it changed). `written` is False when
    the request repeated a client id: the event is the one stored the first time."""

    event: Event
    plan: DayPlan
    written: bool = True


class NotCounted(InvalidInput):
    """No event of the record with this id still counts (none, or it was corrected or
    deleted): nothing to correct or delete."""


NOT_COUNTED = "no such entry in the record (it may have been edited or deleted)"


class ClientIdTaken(InvalidInput):
    """A client id already names another kind of entry of this record: refused, nothing
    written (a client that reuses ids would otherwise lose what it sent)."""


@dataclass(frozen=True)
class RunToRate:
    """A run waiting for its answers (`DayPlan.runs_awaiting_answers`) as an edge asks them
    now: `asks` the questions to ask now (the `gerdy/1` fields), `after_question_at` when the
    2-hour question comes, if it is not asked yet (v1.2: from 2 h after the run)."""

    question: RunQuestion
    asks: tuple[str, ...]
    after_question_at: dt.datetime | None = None


@dataclass(frozen=True)
class Loaded:
    """What a load kept: how many events, and how many of them named a clinician without a
    signature this server could verify (kept as the runner's, "reported")."""

    events: int
    reported: int = 0


@dataclass(frozen=True)
class Signer:
    """A clinician as their events are signed: the name shown and their account."""

    name: str
    account_id: int


def _as_the_runners(event: Event) -> Event:
    """A clearance the runner records carries the runner as its author (v1.2)."""
    if isinstance(event, Clearance) and event.author is None:
        return event.model_copy(update={"author": Author(role="runner", name=RUNNER_AUTHOR_NAME)})
    return event


@lru_cache(maxsize=256)
def stored_profile(profile_json: str) -> Profile:
    return Profile.model_validate_json(profile_json)


def word_between(events: Sequence[Event], first: dt.date, last: dt.date) -> list[ClinicianWord]:
    """The notes, clearances and settings changes dated first..last that count, newest first
    (the latest recorded first within a day)."""
    found = [
        event
        for event in reversed(effective_events(events))
        if isinstance(event, Clearance | Note | SettingsChange) and first <= event.date <= last
    ]
    return sorted(found, key=lambda event: event.date, reverse=True)


class Coach:
    """One runner's record and the protocol, for one unit of work (a request, a command).
    `clock` gives an aware "now" (default: this machine's clock); today is its date in the
    runner's time zone. The Coach reads the record's version once and answers from that
    version until it writes (then it reads again); with a `cache`, what is derived from a
    version is kept for the next Coach of the same version (see `record_cache`).
    `authorship` signs a clinician's events and verifies them on load (without it, a loaded
    clinician's event is kept as reported and a clinician cannot record)."""

    def __init__(
        self,
        store: RecordStore,
        protocol: Protocol,
        clock: Clock | None = None,
        cache: RecordCache | None = None,
        authorship: Authorship | None = None,
    ) -> None:
        self._store = store
        self.protocol = protocol
        self._clock = clock
        self._cache = cache
        self._authorship = authorship
        self._forget()

    def _forget(self) -> None:
        """Read the record again at the next question (after a write)."""
        self._read = False
        self._seen: RecordVersion | None = None
        self._events: tuple[Event, ...] | None = None

    @classmethod
    def open(
        cls, store: RecordStore, clock: Clock | None = None, authorship: Authorship | None = None
    ) -> Coach:
        return cls(store, load_protocol(), clock, authorship=authorship)

    # --- the record -------------------------------------------------------------------------
    def _version(self) -> RecordVersion | None:
        if not self._read:
            self._seen, self._read = self._store.version(), True
        return self._seen

    def _stored_profile(self) -> Profile | None:
        seen = self._version()
        profile_json = None if seen is None else seen.profile_json
        return None if profile_json is None else stored_profile(profile_json)

    def profile(self) -> Profile:
        profile = self._stored_profile()
        if profile is None:
            raise NoRecord(NO_PROFILE)
        return profile

    def has_profile(self) -> bool:
        return self._stored_profile() is not None

    def units(self) -> Units:
        """The runner's units (metric before the intake)."""
        profile = self._stored_profile()
        return profile.units if profile is not None else "metric"

    def start(self, profile: Profile, *, replace: bool = False) -> None:
        """Save the intake. Changing the profile of a record that has events is allowed only
        when the events still fit it (none dated before the new start date)."""
        self._check_start(profile, replace=replace)
        self._forget()
        self._store.save_profile(profile)

    def _check_start(self, profile: Profile, *, replace: bool) -> None:
        rules.check_profile(self.protocol, profile)
        if self.has_profile() and not replace:
            raise RecordNotEmpty("a profile exists already: use --replace to change it")
        for event in self.events():
            if event.date < profile.start_date:
                raise InvalidInput(
                    f"the record has events from {event.date}, before the new start date"
                )

    def edit_profile(self, profile: Profile) -> Event | None:
        """Save the runner's edited profile (Settings, their intake answers). A plan setting a
        `settings_change` set (their physio's, or their own) and that the runner changes
        becomes their own `settings_change` from today, which the engine applies over the
        earlier one; the rest is saved in the profile as `start` does
        (`plan_settings.runner_settings_edit`). Returns that change as stored, if any.
        Checked in full before anything is written; the profile and the change are written
        together or not at all."""
        kept, change = runner_settings_edit(
            self.profile(), profile, self.settings_in_force(), today_for(profile, self.now())
        )
        self._check_start(kept, replace=True)
        if change is not None:
            self._check(kept, change, change.date)
        self._forget()
        if change is None:
            self._store.save_profile(kept)
            return None
        return self._store.save_profile_and_append(kept, [change])[0]

    def settings_in_force(self, date: dt.date | None = None) -> dict[SettingName, SettingSource]:
        """The plan settings of `date` (default today), each with the change that set it."""
        _profile, plan = self.profile_and_plan(date)
        assert plan.settings is not None  # the planner always sets them
        return settings_sources(plan.settings, self.events(), plan.date)

    def log(self, *events: Event, imported: bool = False) -> list[Event]:
        """Record the runner's own events (all or nothing) after checking each against the
        record's rules. An event that names anyone but the runner as its author is refused: a
        clinician's comes only through `record_as_clinician`, a reported one only by `load`.
        A clearance carries the runner as its author (v1.2: it is their word, naming the
        professional). `imported`: the events of one imported file (`import_files`), which
        alone may name the device file a run came from (its `source`)."""
        for event in events:
            if event.author is not None and event.author.role != "runner":
                raise InvalidInput(RUNNER_RECORDS_AS_RUNNER)
        stamped = [self._stamped(_as_the_runners(event)) for event in events]
        return self._append(stamped, imported=imported)

    def _stamped(self, event: Event) -> Event:
        """The runner's event with the time it is recorded: now, unless it carries an earlier
        time (an imported run: when it ended), never one in the future."""
        now = (self.now() or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        if event.recorded_at is not None and event.recorded_at <= now:
            return event
        return event.model_copy(update={"recorded_at": now})

    def _append(self, events: Sequence[Event], *, imported: bool = False) -> list[Event]:
        profile = self.profile()
        today = today_for(profile, self.now())
        for event in events:
            self._check(profile, event, today, imported=imported)
        self._forget()
        return self._store.append(events)

    def _check(
        self, profile: Profile, event: Event, today: dt.date, *, imported: bool = False
    ) -> None:
        rules.check_new_event(
            self.protocol, profile, event, today, self.event_ids, self.find, imported=imported
        )
        if isinstance(event, SettingsChange):
            check_settings_change_on_record(self.protocol, profile, self.events(), event)

    def log_and_plan(self, event: Event, *, client_id: str | None = None) -> LoggedWithPlan:
        """Log one event, then plan its day. With `client_id` (the id a client gave the
        entry), once: a repeat returns the event stored the first time, unchecked and
        unwritten (`written` False), whatever the record holds since."""
        if client_id is None:
            stored = self.log(event)[0]
            return LoggedWithPlan(stored, self.plan(stored.date))
        repeat = self.replayed(client_id, event.type)
        if repeat is not None:
            return repeat
        if event.author is not None and event.author.role != "runner":
            raise InvalidInput(RUNNER_RECORDS_AS_RUNNER)
        event = self._stamped(_as_the_runners(event))
        profile = self.profile()
        self._check(profile, event, today_for(profile, self.now()))
        self._forget()
        stored, written = self._store.append_once(event, client_id)
        return LoggedWithPlan(stored, self.plan(stored.date), written)

    def replayed(self, client_id: str | None, kind: str) -> LoggedWithPlan | None:
        """The entry already stored under `client_id`, with its day's plan (None: none is, or
        no client id). A client id that names another kind of entry is refused."""
        if client_id is None:
            return None
        known = self._store.by_client_id(client_id)
        if known is None:
            return None
        if known.type != kind:
            raise ClientIdTaken(
                f"this client id was given to another entry (a {known.type}): nothing was saved"
            )
        return LoggedWithPlan(known, self.plan(known.date), written=False)

    def record(
        self,
        data: Mapping[str, Any],
        *,
        client_id: str | None = None,
        made_at: dt.datetime | None = None,
    ) -> LoggedWithPlan:
        """Log the event `data` describes (a `gerdy/1` event object; unset values may be None,
        no date means today), then plan its day. The event's model checks every value. With
        `client_id`, once (see `log_and_plan`). With `made_at` (when the entry was made, such
        as an entry kept on a phone while offline), the event is recorded at that time (so a
        run's 2-hour question comes 2 h after it was logged), bounded: not before its day
        began, not in the future. A check-in is then refused (`ReplacedSince`) when another
        check-in of its day was recorded after that: it would replace it."""
        repeat = self.replayed(client_id, str(data.get("type")))
        if repeat is not None:
            return repeat
        payload = {key: value for key, value in data.items() if value is not None}
        payload.setdefault("date", self.today())
        event = parse_event(payload)
        if made_at is not None:
            began = day_starts(self._stored_profile(), event.date)
            made = max(made_at, began).astimezone(dt.UTC).replace(microsecond=0)
            event = event.model_copy(update={"recorded_at": made})  # `_stamped`: not future
            if event.type == "checkin":
                self._check_not_replaced(event.date, made_at)
        return self.log_and_plan(event, client_id=client_id)

    def _check_not_replaced(self, date: dt.date, made_at: dt.datetime) -> None:
        later = self._store.last_recorded("checkin", date)
        if later is not None and later > made_at:
            raise ReplacedSince(
                f"a check-in for {date.isoformat()} was saved after this one was made: that "
                "later check-in stands, and this one was not saved"
            )

    def check(self, event: Event) -> None:
        """Whether the event could be logged now (raises InvalidInput naming the rule)."""
        profile = self.profile()
        self._check(profile, event, today_for(profile, self.now()))

    # --- a clinician's word -------------------------------------------------------------------
    def record_as_clinician(self, clinician: Signer, data: Mapping[str, Any]) -> LoggedWithPlan:
        """Log, signed by `clinician` (their name, their account and this server's signature),
        the clearance, note or settings change `data` describes (a `gerdy/1` event object
        without `author`; unset values may be None; no date means the runner's today), then
        plan its day. Anything else (pain, sessions, runs...) is refused with
        `refusals.CLINICIAN_EVENTS_ONLY`; a settings change outside what the spec allows is
        refused naming its rule (RTR-0, RTR-5, ST-0, P1-2). Nothing is written when refused.
        Who may act for this runner is the caller's to decide (a share the runner gave)."""
        if data.get("type") not in CLINICIAN_EVENT_TYPES:
            raise InvalidInput(CLINICIAN_EVENTS_ONLY)
        if self._authorship is None:
            raise RuntimeError("a clinician's event needs the server's signature")
        payload = {key: value for key, value in data.items() if value is not None}
        payload["author"] = {"role": "clinician", "name": clinician.name}
        payload.setdefault("date", self.today())
        payload.setdefault("id", uuid.uuid4().hex)  # the signature covers the id
        event = self._authorship.sign(parse_event(payload), self.person, clinician.account_id)
        stored = self._append([event])[0]
        return LoggedWithPlan(stored, self.plan(stored.date))

    def clinician_word(self, first: dt.date, last: dt.date) -> list[ClinicianWord]:
        """The notes, clearances and settings changes dated first..last that still count
        (corrections and retractions applied), newest first; by the runner or a clinician
        (each event's `author`)."""
        return word_between(self.events(), first, last)

    def event_ids(self) -> set[str]:
        return {e.id for e in self.events() if e.id is not None}

    def find(self, event_id: str) -> Event | None:
        """The event of this record with this id (corrected or not), if any."""
        return next((e for e in self.events() if e.id == event_id), None)

    def correct(self, event_id: str, replacement: Event) -> Event:
        """A correction is a new event that supersedes the old one: nothing is lost."""
        return self.log(replacement.model_copy(update={"supersedes": event_id}))[0]

    def counted(self, event_id: str) -> Event | None:
        """The event with this id if it still counts (neither corrected nor deleted)."""
        return next((e for e in effective_events(self.events()) if e.id == event_id), None)

    def retracted(self, event_id: str) -> bool:
        """Whether a deletion that still counts takes this event back."""
        events = self.events()
        gone = replaced_ids(events)
        return any(
            isinstance(e, Retraction) and e.retracts == event_id and e.id not in gone
            for e in events
        )

    def correct_counted(
        self, event_id: str, replacement: Event, *, client_id: str | None = None
    ) -> LoggedWithPlan:
        """Correct an event that still counts (NotCounted otherwise), then plan the day of the
        correction; with `client_id`, once."""
        repeat = self.replayed(client_id, replacement.type)
        if repeat is not None:
            return repeat
        if self.counted(event_id) is None:
            raise NotCounted(NOT_COUNTED)
        corrected = replacement.model_copy(update={"supersedes": event_id})
        return self.log_and_plan(corrected, client_id=client_id)

    def retract_counted(
        self, event_id: str, *, note: str | None = None, client_id: str | None = None
    ) -> LoggedWithPlan | None:
        """Delete an event that still counts (a retraction dated today), then plan the day of
        the event deleted. None when a deletion already took it back (deleting is
        idempotent); NotCounted when the record has no such event, or it was corrected."""
        repeat = self.replayed(client_id, "retraction")
        if repeat is not None:
            return repeat
        event = self.counted(event_id)
        if event is None:
            if self.retracted(event_id):
                return None
            raise NotCounted(NOT_COUNTED)
        retraction = Retraction(date=self.today(), retracts=event_id, note=note)
        done = self.log_and_plan(retraction, client_id=client_id)
        return LoggedWithPlan(done.event, self.plan(event.date), done.written)

    def answer_run(
        self, run_id: str, answers: Mapping[str, Any], *, client_id: str | None = None
    ) -> LoggedWithPlan:
        """Answer a run's questions after it was logged (v1.2: answered, never assumed), such
        as the 2-hour question (`pain_after_hours`), or confirm an imported run outside the
        plausible bounds (`confirmed`): a correction of the run that keeps all it had and
        adds what is given (None: not given), then the plan of its day. Refused when the
        record has no run with that id that still counts. With `client_id`, once."""
        repeat = self.replayed(client_id, "run")
        if repeat is not None:
            return repeat
        known = (ANSWERS_OF_A_RUN | {"confirmed"}) & set(answers)
        given = {key: answers[key] for key in known if answers[key] is not None}
        if not given:
            raise InvalidInput("nothing to answer: give pain during, pain 2 h after, or more")
        run = next(
            (e for e in effective_events(self.events()) if e.id == run_id and isinstance(e, Run)),
            None,
        )
        if run is None:
            raise InvalidInput(f"no run with id {run_id!r} to answer")
        data = run.model_dump(exclude={"id", "supersedes"}) | given | {"supersedes": run_id}
        return self.log_and_plan(Run.model_validate(data), client_id=client_id)

    def as_prescribed(
        self, kind: str, date: dt.date | None = None, *, pain: int, effort: str = "right"
    ) -> dict[str, Any]:
        """The event "done as prescribed" logs for one session of the plan of `date` (default
        today), for the CLI (`gerdy log strength --all`) and Today alike: the session's
        exercises not yet done that day, each at the day's dose (strength: its sets of the
        prescribed reps, or steps, or seconds, with the pain felt and the effort; rolling and
        stretching: the items). Refused when nothing of the session is left that day."""
        if kind not in SESSIONS_AS_PRESCRIBED:
            raise InvalidInput(f"{kind!r} is not a session to log as prescribed")
        plan = self.plan(date)
        session = [t for t in plan.tasks if t.kind == kind and t.exercise]
        tasks = [t for t in session if not t.done]
        if not session:
            rule = " (ST-0)" if kind == "strength" else ""
            raise InvalidInput(f"no {kind} session is prescribed on {plan.date}{rule}")
        if not tasks:
            raise InvalidInput(f"the {kind} session of {plan.date} is logged already")
        data: dict[str, Any] = {"type": kind, "date": plan.date}
        if kind != "strength":
            return data | {"items": list(dict.fromkeys(t.exercise for t in tasks))}
        exercises = [
            {
                "id": t.exercise,
                "sets": [t.reps if t.reps is not None else (t.steps or t.seconds or 0)]
                * (t.sets or 1),
                "pain": pain,
                "effort": effort,
            }
            for t in tasks
        ]
        return data | {"exercises": exercises}

    def runs_to_rate(self, date: dt.date | None = None) -> list[RunToRate]:
        """The runs the plan of `date` (default today) asks answers of, with what to ask now:
        pain during (and whether it got worse) at once; the 2-hour question from 2 h after
        the run (the time it was recorded), at once for a run of an earlier day."""
        plan = self.plan(date)
        now = self.now() or dt.datetime.now(dt.UTC)
        hours = self.protocol.pain_lasts.pain_after_hours
        found = []
        for question in plan.runs_awaiting_answers:
            run = self.counted(question.event_id) if question.event_id else None
            asks: list[str] = [name for name in question.missing if name != "pain_after_hours"]
            if "pain_during" in asks:
                asks.append("pain_worsened")
            later = None
            if "pain_after_hours" in question.missing:
                recorded = run.recorded_at if run is not None else None
                comes = after_question_from(question.date, recorded, self.today(), hours)
                if comes is None or comes <= now:
                    asks.append("pain_after_hours")
                else:
                    later = self.runners_time(comes)
            found.append(RunToRate(question, tuple(asks), later))
        return found

    def runners_time(self, moment: dt.datetime) -> dt.datetime:
        """`moment` on the runner's clock (their time zone)."""
        return runners_time(self._stored_profile(), moment)

    def checkins_of(self, date: dt.date) -> tuple[Checkin | None, list[Checkin]]:
        """One check-in per day (v1.1): the check-in that stands for `date` (the latest
        recorded) and the earlier ones of that day it replaced, latest first."""
        found = [
            event
            for event in effective_events(self.events())
            if isinstance(event, Checkin) and event.date == date
        ]
        if not found:
            return None, []
        return found[-1], found[-2::-1]

    def retract(self, event_id: str, date: dt.date, note: str | None = None) -> Event:
        """Delete an event the append-only way: a `retraction` naming it."""
        return self.log(Retraction(date=date, retracts=event_id, note=note))[0]

    def events(self) -> list[Event]:
        """Every event, corrections and corrected alike, in the order they were recorded."""
        if self._events is None:
            found = self.recall(RECORD, ())
            if found is None:
                self._seen, events = self._store.read()
                self._read, found = True, tuple(events)
                self.keep(RECORD, (), found)
            self._events = found
        return list(self._events)

    @property
    def person(self) -> str:
        """The record's handle in its database (not a name or an email)."""
        return self._store.person

    @property
    def identity(self) -> str:
        """Which record this is, across every Coach on the same database (a cache's key)."""
        return self._store.identity

    def version(self) -> int | None:
        """The version this Coach answers from (`RecordVersion`); None: no record yet."""
        seen = self._version()
        return None if seen is None else seen.version

    # --- what is derived from one version of the record, kept in the cache ---------------------
    def recall(self, slot: Slot[T], key: Hashable) -> T | None:
        """The value kept in `slot` with `key` for this version of the record, if any."""
        if self._cache is None or (version := self.version()) is None:
            return None
        return self._cache.get(self.identity, slot, (version, self.protocol.version, key))

    def keep(self, slot: Slot[T], key: Hashable, value: T, version: int | None = None) -> None:
        """Keep `value`, derived from `version` of the record (default: the version this
        Coach answers from), for `recall`."""
        if self._cache is None:
            return
        version = self.version() if version is None else version
        if version is not None:
            self._cache.put(self.identity, slot, (version, self.protocol.version, key), value)

    def kept(self, slot: Slot[T], key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, derived from this version of the record: made once while it is kept."""
        found = self.recall(slot, key)
        if found is None:
            found = make()
            self.keep(slot, key, found)
        return found

    def has_source(self, sha256: str) -> bool:
        """Whether a file with this content was imported already."""
        return self._store.has_source(sha256)

    # --- plans --------------------------------------------------------------------------------
    def now(self) -> dt.datetime | None:
        return self._clock() if self._clock is not None else None

    def today(self) -> dt.date:
        return today_for(self._stored_profile(), self.now())

    def plan(self, date: dt.date | None = None) -> DayPlan:
        """The plan of `date` (default today)."""
        return self.profile_and_plan(date)[1]

    def feedback(self, event_id: str) -> Feedback | None:
        """What the entry with this id changed, read from its day's plan (v1.2: feedback at
        save); None when no entry of the record with this id still counts."""
        event = self.counted(event_id)
        if event is None:
            return None
        return feedback_of(self.plan(event.date), event.type, self.protocol)

    def plan_with_word(
        self, date: dt.date | None = None, days: int = 14
    ) -> tuple[Profile, DayPlan, Callable[[], list[ClinicianWord]]]:
        """`profile_and_plan`, and a reader of the `clinician_word` of the `days` days up to
        the plan's date (from the same version of the record). The word is read only when
        asked: a page drawn before from the same version needs none."""
        profile, plan = self.profile_and_plan(date)
        first = plan.date - dt.timedelta(days=days - 1)
        return profile, plan, lambda: word_between(self.events(), first, plan.date)

    def profile_and_plan(self, date: dt.date | None = None) -> tuple[Profile, DayPlan]:
        """The profile and the plan of `date` (default today), of one version of the record:
        kept with a few other days' plans of that version; planned again from the course of
        the day before when only that day changed (`engine.resume`)."""
        profile = self.profile()
        day = self._plan_date(profile, date)
        plans = self.recall(PLANS, ()) or {}
        if day in plans:
            return profile, plans[day]
        if self._cache is None:
            return profile, plan_day(self.protocol, profile, self.events(), day)
        events = self.events()  # it may read a newer version: the plan is of that one
        identity, resume_key = self.identity, (self.protocol.version, day)
        resume = self._cache.get(identity, RESUME, resume_key)
        plan, resume = plan_day_resuming(self.protocol, self.profile(), events, day, resume)
        if resume is not None:
            self._cache.put(identity, RESUME, resume_key, resume)
        kept = [(d, p) for d, p in (self.recall(PLANS, ()) or {}).items() if d != day]
        self.keep(PLANS, (), dict([*kept[1 - PLANS_PER_RECORD :], (day, plan)]))
        return self.profile(), plan

    def _plan_date(self, profile: Profile, date: dt.date | None) -> dt.date:
        """The day asked for (default: the runner's today), checked (`rules.check_plan_date`)."""
        today = today_for(profile, self.now())
        if date is None:
            return today
        rules.check_plan_date(profile, date, today)
        return date

    def plans(self, first: dt.date, days: int) -> list[DayPlan]:
        """The plans of `days` days from `first`. Days after the runner's today are projected:
        each run offered from today on is taken as done (see `engine.planner.plan_days`)."""
        if not 1 <= days <= 366:
            raise InvalidInput("a calendar covers 1 to 366 days")
        profile = self.profile()
        last = first + dt.timedelta(days=days - 1)
        return plan_days(
            self.protocol, profile, self.events(), first, last,
            runs_as_offered_after=today_for(profile, self.now()),
        )  # fmt: skip

    def progress_days(self, first: dt.date, days: int) -> list[DayProgress]:
        """What the progress charts read of `days` days from `first` (up to today)."""
        if not 1 <= days <= 366:
            raise InvalidInput("progress covers 1 to 366 days")
        last = first + dt.timedelta(days=days - 1)
        return progress_days(self.protocol, self.profile(), self.events(), first, last)

    # --- export / load / import ---------------------------------------------------------------
    def export(self) -> dict[str, Any]:
        return dump_document(self.profile(), self.events())

    def load(self, document: Document, *, replace: bool = False) -> Loaded:
        """Restore a whole document as it is (it may run past today), after checking it against
        the protocol; refuse a non-empty record unless replace. An event that names a
        clinician is kept as theirs only when its signature verifies on this server for this
        record; otherwise it is kept as the runner's own, "reported" (`services.authorship`)."""
        rules.check_document(self.protocol, document)
        if not self._store.is_empty() and not replace:
            raise RecordNotEmpty("this record already holds data: use --replace to overwrite it")
        verifies = self._authorship.verifies if self._authorship is not None else never_verifies
        events, reported = settle(document.events, self.person, verifies)
        self._forget()
        self._store.replace(document.profile, events)
        return Loaded(len(events), reported)

    def import_files(
        self, paths: Sequence[Path], options: ImportOptions | None = None
    ) -> ImportSummary:
        """Import activity files: the importers turn them into events, logged here file by
        file (see `gerdy.importers.pipeline` and its `ImportOptions`)."""
        # The importers, only for an import: at the top they would add about 140 M
        # instructions (~30 ms) to `gerdy today` (bench/startup.py --instructions).
        from gerdy.importers.pipeline import import_paths

        profile = self.profile()
        today = today_for(profile, self.now())
        target = RecordImport(
            self.protocol,
            profile,
            today,
            self.has_source,
            self.event_ids,
            partial(self.log, imported=True),
        )
        return import_paths(target, profile, paths, options)

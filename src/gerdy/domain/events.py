"""Events: what happened, dated, append-only. The plan is always derived from them.

A correction is a new event whose `supersedes` names the id of the event it replaces; the old
event stays in the record (nothing is lost) but no longer counts. A deletion is a `retraction`
event naming the id it takes back: the record stays append-only, and the retracted event counts
as if superseded with nothing in its place.

Who recorded an event: `author` (absent = the runner). A clinician the runner shared their
record with may record only clearances, notes and settings changes (CLINICIAN_EVENT_TYPES);
pain, sessions and runs are the runner's own word. A clinician's event carries the signature of
the server that stored it (`Author.signature`, over `signing_form`); a record loaded from a
file keeps an event as the clinician's only when that signature verifies on this server, for
this record, and otherwise as the runner's own with the name "reported" (see
`gerdy.services.authorship`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    field_validator,
    model_validator,
)

from gerdy.domain.choices import Track, Weekday, three_separate_days
from gerdy.domain.event_types import CLINICIAN_EVENT_TYPES
from gerdy.domain.refusals import CLINICIAN_EVENTS_ONLY

StrengthId = Literal[
    "clamshell",
    "side_lying_abduction",
    "glute_bridge",
    "single_leg_bridge",
    "lateral_band_walk",
    "single_leg_box_squat",
]
RollId = Literal["tfl_roll", "lateral_quad_roll", "glute_roll"]
StretchId = Literal["pigeon", "hip_flexor_stretch", "figure_four"]
Effort = Literal["easy", "right", "hard"]
Terrain = Literal["flat", "hills", "track", "road"]
Pain = Annotated[int, Field(ge=0, le=10)]
RedFlagId = Literal[
    "RED-1", "RED-2", "RED-3", "RED-4", "RED-5", "RED-6",
    "RED-7", "RED-8", "RED-10", "RED-11",
]  # fmt: skip

# RF-1 (v1.1): a running cadence (steps/min, both feet) outside this range is refused; the
# protocol file's `cadence.valid_spm` holds the same numbers (a test keeps them equal).
RUNNING_CADENCE_SPM = (120, 230)


def check_running_cadence(value: float) -> float:
    """RF-1: refuse a running cadence outside 120-230 steps/min; below it, one foot was
    probably counted, so the message offers the doubled value."""
    low, high = RUNNING_CADENCE_SPM
    if low <= value <= high:
        return value
    message = f"a running cadence of {value:g} steps/min is outside {low}-{high} (RF-1)"
    if value < low and low <= 2 * value <= high:
        message += f"; if it counts one foot, the cadence is {2 * value:g} steps/min"
    raise ValueError(message)


RunningCadence = Annotated[float, AfterValidator(check_running_cadence)]


def known_ids(kind: str, allowed: object, values: object) -> object:
    """Refuse an unknown exercise id with one sentence naming the known ones (before the
    Literal's own, longer message)."""
    ids: tuple[str, ...] = get_args(allowed)
    for value in values if isinstance(values, list | tuple) else (values,):
        if isinstance(value, str) and value not in ids:
            raise ValueError(f"unknown {kind} exercise {value!r} (known: {', '.join(ids)})")
    return values


class Source(BaseModel):
    """Where an imported event came from (a watch file), so a re-import adds nothing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(min_length=1, max_length=500)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


SIGNATURE_PREFIX = "v1:"  # the signing form's version; an HMAC-SHA256 in hex follows
MAX_ACCOUNT_ID = 2**31 - 1


class Author(BaseModel):
    """Who recorded an event: the runner; a clinician (by the name they gave), whose event
    carries their `account` on the server that stored it and that server's `signature`; or
    "reported": an event a loaded file said a clinician recorded, which this server could not
    verify, kept as the runner's own word with the name it gave (its signature, if any, kept
    too: the server that made it restores it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["runner", "clinician", "reported"]
    name: str = Field(min_length=1, max_length=120)
    account: int | None = Field(default=None, ge=1, le=MAX_ACCOUNT_ID)
    signature: str | None = Field(default=None, pattern=r"^v1:[0-9a-f]{64}$")

    @field_validator("name")
    @classmethod
    def _named(cls, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValueError("an author needs a name")
        return name


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = Field(default=None, min_length=1, max_length=64)
    date: dt.date
    supersedes: str | None = Field(default=None, min_length=1, max_length=64)
    note: str | None = Field(default=None, max_length=2000)
    author: Author | None = None
    # When the runner recorded the entry (v1.2): the time "saving replaces the check-in from
    # HH:MM" names, and the run's time the 2-hour question counts from. A correction that only
    # adds a run's answers keeps the run's. None in records made before it was kept.
    recorded_at: AwareDatetime | None = None

    @property
    def by_clinician(self) -> bool:
        return self.author is not None and self.author.role == "clinician"

    @model_validator(mode="after")
    def _clinician_records_only_their_own_kinds(self) -> _Event:
        if self.by_clinician and getattr(self, "type", None) not in CLINICIAN_EVENT_TYPES:
            raise ValueError(CLINICIAN_EVENTS_ONLY)
        return self


class CheckinAnswers(BaseModel):
    """What a daily check-in asks: pain in daily activities and at rest, and the symptoms
    that raise WS-4 and the RED flags. Shared by the event and the web API's input."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pain_daily: Pain
    pain_rest: Pain = 0
    swelling: bool = False
    instability: bool = False
    numbness: bool = False
    locking: bool = False
    cannot_bear_weight: bool = False
    front_of_knee: bool = False
    tender_swelling: bool = False
    worse_knee_pushed_outward: bool = False


class Checkin(CheckinAnswers, _Event):
    type: Literal["checkin"] = "checkin"


class PainBySide(BaseModel):
    """Pain on each side for an exercise done one leg at a time."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    left: Pain
    right: Pain


class ExerciseLog(BaseModel):
    """One strength exercise as done: reps (or steps) per set, pain and effort. With
    `pain_by_side`, `pain` is the larger of the two (given or not); the engine reads `pain`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrengthId
    sets: tuple[Annotated[int, Field(ge=0, le=200)], ...] = Field(min_length=1, max_length=10)
    pain: Pain
    pain_by_side: PainBySide | None = None
    effort: Effort = "right"
    knee_caved_in: bool = False

    @model_validator(mode="before")
    @classmethod
    def _pain_from_sides(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("pain") is None:
            sides = data.get("pain_by_side")
            if isinstance(sides, dict):
                left, right = sides.get("left"), sides.get("right")
                if isinstance(left, int) and isinstance(right, int):
                    return {**data, "pain": max(left, right)}
        return data

    @model_validator(mode="after")
    def _pain_is_the_larger_side(self) -> ExerciseLog:
        sides = self.pain_by_side
        if sides is not None and self.pain != max(sides.left, sides.right):
            raise ValueError("pain must be the larger of pain_by_side's left and right")
        return self

    @field_validator("id", mode="before")
    @classmethod
    def _known(cls, value: object) -> object:
        return known_ids("strength", StrengthId, value)


class Strength(_Event):
    type: Literal["strength"] = "strength"
    exercises: tuple[ExerciseLog, ...] = Field(min_length=1, max_length=20)

    @field_validator("exercises")
    @classmethod
    def _each_once(cls, exercises: tuple[ExerciseLog, ...]) -> tuple[ExerciseLog, ...]:
        ids = [e.id for e in exercises]
        if len(ids) != len(set(ids)):
            raise ValueError("an exercise appears twice in one session")
        return exercises


class RunReport(BaseModel):
    """What a run log says: how long and far, the pain during and after it (WS-1, WS-2; None
    until rated, e.g. imported from a watch), cadence and terrain. Shared by the event and the
    web API's input."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minutes: float = Field(gt=0, le=1440)
    distance_km: float | None = Field(default=None, ge=0, le=1000)
    pain_during: Pain | None = None
    pain_worsened: bool = False
    pain_after_hours: float | None = Field(default=None, ge=0, le=240)
    cadence_spm: RunningCadence | None = None
    terrain: Terrain = "road"


class Run(RunReport, _Event):
    """A run: typed by hand, or imported from a device file (`source`). `confirmed`: the
    runner has confirmed an imported run that falls outside the plausible bounds (v1.2) as
    the device recorded it."""

    type: Literal["run"] = "run"
    source: Source | None = None
    confirmed: bool | None = None


class Roll(_Event):
    type: Literal["roll"] = "roll"
    items: tuple[RollId, ...] = Field(min_length=1, max_length=10)

    @field_validator("items", mode="before")
    @classmethod
    def _known(cls, items: object) -> object:
        return known_ids("roll", RollId, items)


class Stretch(_Event):
    type: Literal["stretch"] = "stretch"
    items: tuple[StretchId, ...] = Field(min_length=1, max_length=10)

    @field_validator("items", mode="before")
    @classmethod
    def _known(cls, items: object) -> object:
        return known_ids("stretch", StretchId, items)


class Cross(_Event):
    type: Literal["cross"] = "cross"
    activity: str = Field(min_length=1, max_length=40)
    minutes: float = Field(gt=0, le=1440)
    distance_km: float | None = Field(default=None, ge=0, le=1000)
    source: Source | None = None


class Clearance(_Event):
    """A health professional has cleared these red flags. Recorded by a clinician account (its
    `author`), it is the clinician's word; recorded by the runner (v1.2: author the runner),
    it names the professional, `cleared_by` and `cleared_by_role` (both required when the
    runner logs one, see `services.rules`), and every view says it is the runner's word
    (`formatting.runners_word_text`). A clearance of an older record without a role is kept
    as it was given."""

    type: Literal["clearance"] = "clearance"
    rules: tuple[RedFlagId, ...] = Field(min_length=1)
    cleared_by: str | None = Field(default=None, min_length=1, max_length=200)
    cleared_by_role: str | None = Field(default=None, min_length=1, max_length=120)


RUNNER_AUTHOR_NAME = "the runner"  # the `author` of a clearance the runner records (v1.2)


class Retraction(_Event):
    """Takes back the event `retracts` names (a deletion that keeps the record append-only)."""

    type: Literal["retraction"] = "retraction"
    retracts: str = Field(min_length=1, max_length=64)


class FormRep(BaseModel):
    """One single-leg box squat rep seen on video: the knee's frontal-plane angle (positive =
    inward) and whether it caved in (ST-6's cue: knee over the second toe)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    knee_valgus_deg: float | None = Field(default=None, ge=-90, le=90)
    caved_in: bool


class FormCheck(_Event):
    """A video form check (`gerdy analyze --save`): running form (RF-1..4) or the single-leg
    box squat (ST-6, PR-4). Only what was measured is set."""

    type: Literal["form_check"] = "form_check"
    view: Literal["rear", "side", "front"]
    activity: Literal["running", "walking", "unknown"] = "unknown"
    exercise: Literal["single_leg_box_squat"] | None = None
    side: Literal["left", "right"] | None = None
    cadence_spm: float | None = Field(default=None, ge=30, le=400)
    step_width_ratio: float | None = Field(default=None, ge=0, le=10)
    crossovers: int | None = Field(default=None, ge=0, le=10000)
    pelvic_drop_left_deg: float | None = Field(default=None, ge=-45, le=45)
    pelvic_drop_right_deg: float | None = Field(default=None, ge=-45, le=45)
    overstride_leg_lengths: float | None = Field(default=None, ge=-3, le=3)
    knee_flexion_at_contact_deg: float | None = Field(default=None, ge=0, le=180)
    reps: tuple[FormRep, ...] = Field(default=(), max_length=200)
    source: Source | None = None

    @model_validator(mode="after")
    def _running_cadence(self) -> FormCheck:
        """RF-1: a running video's cadence is a running cadence (walking may be slower)."""
        if self.activity == "running" and self.cadence_spm is not None:
            check_running_cadence(self.cadence_spm)
        return self


class Note(_Event):
    """A message for the runner (from their clinician, or the runner's own), shown on Today."""

    type: Literal["note"] = "note"
    text: str = Field(min_length=1, max_length=2000)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("a note needs some text")
        return text.strip()


class SettingsChange(_Event):
    """Protocol settings changed from this event's date on: what the spec lets a professional
    adjust (RTR-0's gate days, RTR-5's hills-and-track week, ST-0's strength days, P1-2's
    track). Only the fields given change; the engine checks them against the protocol."""

    type: Literal["settings_change"] = "settings_change"
    gate_days: int | None = Field(default=None, ge=1, le=14)
    hills_track_week: int | None = Field(default=None, ge=1, le=12)
    strength_days: tuple[Weekday, ...] | None = None
    track: Track | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> SettingsChange:
        if (self.gate_days, self.hills_track_week, self.strength_days, self.track) == (None,) * 4:
            raise ValueError(
                "a settings change needs at least one setting "
                "(gate_days, hills_track_week, strength_days or track)"
            )
        return self

    @field_validator("strength_days")
    @classmethod
    def _three_separate_days(cls, days: tuple[Weekday, ...] | None) -> tuple[Weekday, ...] | None:
        return None if days is None else three_separate_days(days)


Event = Annotated[
    Checkin
    | Strength
    | Run
    | Roll
    | Stretch
    | Cross
    | Clearance
    | FormCheck
    | Retraction
    | Note
    | SettingsChange,
    Field(discriminator="type"),
]


@cache
def event_adapter() -> TypeAdapter[Event]:
    """The validator of any event, built on first use: building it costs start-up time that a
    command reading no events need not pay."""
    return TypeAdapter(Event)


def parse_event(data: object) -> Event:
    """Validate one event object (raises pydantic.ValidationError)."""
    return event_adapter().validate_python(data)


def signing_form(event: Event, record: str) -> bytes:
    """What a clinician's signature covers: the event (its id, date and every value set, in
    canonical JSON: keys sorted, no spaces, ASCII), its author as the clinician with their
    account, and the record it belongs to (a record's handle on its server). Values left at
    their defaults are left out, so a field added later with a default does not change the
    form of an event signed before it. The signature is
    `"v1:" + HMAC-SHA256(server secret, signing_form)` in hex."""
    data = event.model_dump(mode="json", exclude_defaults=True)
    author = event.author
    data["type"] = event.type
    data["author"] = {
        "role": "clinician",
        "name": author.name if author else "",
        "account": author.account if author else None,
    }
    text = json.dumps(
        ["gerdy-signed-event/1", record, data],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return text.encode()


def replaced_ids(events: Iterable[Event]) -> set[str]:
    """Ids that no longer count: superseded by a correction or taken back by a retraction."""
    gone: set[str] = set()
    for event in events:
        if event.supersedes is not None:
            gone.add(event.supersedes)
        if isinstance(event, Retraction):
            gone.add(event.retracts)
    return gone


def effective_events(events: Sequence[Event]) -> list[Event]:
    """The events that count, in record order: corrected and retracted ones dropped, and the
    retractions themselves (they only take something back)."""
    gone = replaced_ids(events)
    return [
        e for e in events if not isinstance(e, Retraction) and (e.id is None or e.id not in gone)
    ]

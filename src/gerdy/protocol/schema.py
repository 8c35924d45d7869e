"""Typed schema of the protocol file. Loading fails loudly on any missing or inconsistent item.

The structure follows the spec's sections; every item carries its rule ID (`rule` or `id`),
and `rules` maps each ID to the short title and one-line "why" that the program shows.

The file is the only source of the protocol's numbers: every parameter a rule needs is a
required field here (the engine keeps no fallback copy), and a field that is not inside an
item with its own rule ID names its rule with `parameter(rule)`, so a missing or bad value is
reported under the rule it belongs to (see `rule_of_error`). Warning signs and red flags with
their own numbers (WS-1, WS-2, RED-8, RED-10) are their own types, chosen by `id`.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

RULE_ID = r"^(TL|P1|FR|ST|PR|SX|RF|RTR|WS|RED|ED)-\d+$"
ExerciseKind = Literal["strength", "roll", "stretch"]
DoseUnit = Literal["reps", "steps", "seconds"]
Per = Literal["side", "direction"]
WeekdayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
StageName = Literal["protect", "paused", "return-1", "return-2", "return-3", "progress"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def parameter(rule: str, **constraints: Any) -> Any:
    """A required field that belongs to `rule` (named in load errors)."""
    return Field(json_schema_extra={"rule": rule}, **constraints)


class Phase(_Model):
    """A group of rules, by the prefix of their IDs, as the spec and the protocol document
    group them (a phase of the rehab, the warning signs, the red flags...)."""

    title: str = Field(min_length=3)
    prefixes: tuple[str, ...] = Field(min_length=1)
    summary: str = Field(min_length=10, description="what holds for every rule of the group")


class Rule(_Model):
    title: str = Field(min_length=3)
    why: str = Field(min_length=10, description="one line shown under 'why?'")
    detail: str | None = None


class Range(_Model):
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"range min {self.min} above max {self.max}")
        return self


class IntRange(_Model):
    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.min > self.max:
            raise ValueError(f"range min {self.min} above max {self.max}")
        return self


class Dose(_Model):
    """Sets x (reps | steps | seconds) within a range; `per` says per side or per direction."""

    sets: int = Field(ge=1, le=10)
    unit: DoseUnit
    range: IntRange
    per: Per | None = None
    times_per_day: IntRange | None = None


class Tempo(_Model):
    hold_top_s: int | None = None
    lower_s: IntRange | None = None
    pause_tender_s: IntRange | None = None


class Level(_Model):
    """One progression level (PR-*): a band, a weight, a box height."""

    id: str
    label: str
    box_height_cm: int | None = None
    box_height_in: int | None = None


class Progression(_Model):
    rule: str = Field(pattern=RULE_ID)
    levels: tuple[Level, ...] = Field(min_length=2)
    start_level: int = Field(description="counted from 0, the first level")
    note: str
    raise_box_when_knee_caves: bool

    @model_validator(mode="after")
    def _start_in_range(self) -> Progression:
        if not 0 <= self.start_level < len(self.levels):
            raise ValueError("start_level outside the levels")
        return self


class CommonError(_Model):
    rule: str = Field(pattern=RULE_ID)
    text: str


class Exercise(_Model):
    id: str = Field(pattern=r"^[a-z_]+$")
    rule: str = Field(pattern=RULE_ID)
    kind: ExerciseKind
    name: str
    target_muscles: tuple[str, ...] = Field(min_length=1)
    purpose: str
    steps: tuple[str, ...] = Field(min_length=2)
    cues: tuple[str, ...] = Field(min_length=1)
    common_errors: tuple[CommonError, ...] = ()
    dose: Dose
    tempo: Tempo | None = None
    progression: Progression | None = None
    cautions: tuple[str, ...] = ()


class Protect(_Model):
    """Phase 1 (P1): the track choice and its limits, ice, heat and the don'ts."""

    first_mile_km: float = parameter("P1-2", gt=0)
    min_break_days: int = parameter("P1-2", ge=1)
    reduced_cap_fraction: float = parameter("P1-2", gt=0, lt=1)
    reduced_single_run_fraction: float = parameter("P1-2", gt=0, le=1)
    moved_to_break: str = parameter(
        "P1-2", min_length=10, description="{date}: the first day a run may come"
    )
    ice_minutes: IntRange = parameter("P1-4")
    ice_after_sessions_last_week: int = parameter(
        "P1-4", ge=1, description="ice follows every run and strength session through this week"
    )
    heat_free_days: int = parameter("P1-5", ge=0)
    donts: tuple[str, ...] = parameter("P1-6", min_length=1)


class Window(_Model):
    """When a kind of work is prescribed: from a day, through a week (None = for good)."""

    rule: str = Field(pattern=RULE_ID)
    first_day: int = Field(ge=1)
    last_week: int | None


class StrengthSchedule(_Model):
    rule: str = Field(pattern=RULE_ID)
    first_day: int = Field(ge=1)
    intensive_last_week: int
    sessions_per_week: int = Field(ge=1, le=3)
    maintenance_sessions_per_week: IntRange
    default_days: tuple[WeekdayName, WeekdayName, WeekdayName]


class GateCriteria(_Model):
    """RTR-0's gate as the protocol sets it: how many pain-free days (and which counts a
    professional may choose), the earliest day, and the weeks it usually takes."""

    rule: str = Field(pattern=RULE_ID)
    pain_free_days_default: int
    pain_free_days_allowed: tuple[int, ...]
    earliest_day: int
    expected_weeks: IntRange


class ReturnWeek(_Model):
    stage: StageName
    rule: str = Field(pattern=RULE_ID)
    minutes: IntRange
    alternate_days: bool
    runs_per_week: int | None = None
    pickups_seconds: int | None = None
    long_run: IntRange | None = Field(None, description="minutes")
    long_run_after_pain_free_runs: int | None = None

    @model_validator(mode="after")
    def _rung_parameters(self) -> ReturnWeek:
        needed = RUNG_PARAMETERS.get(self.rule, ())
        missing = [name for name in needed if getattr(self, name) is None]
        if missing:
            raise ValueError(f"{self.rule} needs {', '.join(missing)}")
        return self


# Parameters a return week's rule cannot do without (the others are optional per week).
RUNG_PARAMETERS: dict[str, tuple[str, ...]] = {
    "RTR-2": ("pickups_seconds",),
    "RTR-3": ("runs_per_week", "long_run", "long_run_after_pain_free_runs"),
}


class ProgressStage(_Model):
    """RTR-4: the `progress` stage's parameters, after the return weeks: how fast the weekly
    minutes and a single run may grow, and the shortest run offered."""

    rule: str = Field(pattern=RULE_ID)
    weekly_growth: float = Field(gt=0, le=0.5)
    min_base_weekly_minutes: int = Field(ge=0)
    single_run_growth: float = Field(ge=0, le=0.5)
    single_run_days: int = Field(ge=1, description="looked back for the longest pain-free run")
    single_run_floor_minutes: int = Field(ge=1)
    min_run_minutes: int = Field(ge=1, description="no run shorter than this is offered")
    overrun_fraction: float = Field(
        ge=0, le=1, description="a run this much over the single-run limit is an overrun"
    )


class HillsTrack(_Model):
    """RTR-5: the return week hills and track open in (v1.2: and only in `progress`), what
    every run task says until then, and the note when they open."""

    rule: str = Field(pattern=RULE_ID)
    from_return_week_default: int
    from_return_week_allowed: IntRange
    flat_only: str = Field(min_length=10, description="on every run until they open")
    gradually: str = Field(min_length=10, description="on every run once they are open")


class BackAfterGap(_Model):
    """RTR-7 (v1.2): this many days in a row without a check-in, in a return stage or
    `progress`, and the plan asks for a check-in before running resumes one week lower."""

    rule: str = Field(pattern=RULE_ID)
    days_without_checkin: int = Field(ge=1)


class Activation(_Model):
    exercise: str
    sets: int


class WarmUp(_Model):
    rule: str = Field(pattern=RULE_ID)
    rolls: tuple[str, ...]
    activation: tuple[Activation, ...]


class WarningSign(_Model):
    """`action` is always shown; a sign that pauses running says so in `pause` while the
    pause lasts and `resumed` once running is back; `until_gate` is added before RTR-0."""

    id: str = Field(pattern=RULE_ID)
    title: str
    action: str
    pauses_running: bool
    pause: str | None = None
    resumed: str | None = None
    until_gate: str | None = None

    @model_validator(mode="after")
    def _pause_texts(self) -> WarningSign:
        if self.pauses_running and (self.pause is None or self.resumed is None):
            raise ValueError(f"{self.id} pauses running: it needs `pause` and `resumed` texts")
        return self


class PainBuildsSign(WarningSign):
    """WS-1: running resumes after this many pain-free check-in days in a row. `action` is
    what to do during the run; `action_later` replaces it on the days after ({date}: the
    run's day)."""

    resume_pain_free_days: int = Field(ge=1)
    action_later: str = Field(min_length=10, description="{date}: the day of the run")


class PainLastsSign(WarningSign):
    """WS-2: pain lasting longer than this after a run. `action` is worded for a return
    week; `in_progress` replaces it in `progress` (no return week to repeat: the week's cap
    stops growing) and `in_protect` before the gate (no return week yet)."""

    pain_after_hours: float = Field(gt=0)
    cap_days: int = Field(
        ge=1, description="the next run's cap: the longest pain-free run of these days before"
    )
    cap_if_none_minutes: int = Field(ge=1, description="the cap when there was none")
    in_progress: str
    in_protect: str


class StrengthPainSign(WarningSign):
    """WS-3: pain in a strength exercise. v1.2 (P1-2, proportion): it moves a reduced-track
    runner to the break track only from this pain on; below it the running week does not
    step up (`no_step_up`, with the date the next step can come)."""

    to_break_track_from_pain: int = Field(
        ge=1, le=10, description="from this pain on, the reduced track moves to the break (P1-2)"
    )
    no_step_up: str = Field(min_length=10, description="{date}: the next week's first day")


class RedFlag(_Model):
    id: str = Field(pattern=RULE_ID)
    title: str
    text: str
    pauses: bool
    intake_question: str | None = None
    while_open: str | None = Field(
        default=None, description="added to rolling and stretching while the flag is open"
    )


class NotImprovingFlag(RedFlag):
    """RED-8: from this day, the last check-ins' mean pain against the first ones', given
    enough of the prescribed sessions were done."""

    from_day: int = Field(ge=1)
    window_checkins: int = Field(ge=1)
    min_adherence: tuple[int, int] = Field(
        description="at least this share of sessions done, as (done, prescribed)"
    )
    low_adherence: str = Field(
        min_length=10, description="not better, and fewer than that share done: an info alert"
    )


class SwellingFlag(RedFlag):
    """RED-10: swelling on this many days in a row (or coming back after running resumed)."""

    consecutive_days: int = Field(ge=2)


def _tag_by_id(parametrised: tuple[str, ...]) -> Discriminator:
    """Items whose rule has its own numbers get their own model, chosen by `id`."""

    def tag(value: Any) -> str:
        rule = value.get("id") if isinstance(value, dict) else getattr(value, "id", None)
        return rule if rule in parametrised else "plain"

    return Discriminator(tag)


AnyWarningSign = Annotated[
    Annotated[PainBuildsSign, Tag("WS-1")]
    | Annotated[PainLastsSign, Tag("WS-2")]
    | Annotated[StrengthPainSign, Tag("WS-3")]
    | Annotated[WarningSign, Tag("plain")],
    _tag_by_id(("WS-1", "WS-2", "WS-3")),
]
AnyRedFlag = Annotated[
    Annotated[NotImprovingFlag, Tag("RED-8")]
    | Annotated[SwellingFlag, Tag("RED-10")]
    | Annotated[RedFlag, Tag("plain")],
    _tag_by_id(("RED-8", "RED-10")),
]
# The rules above and their models, checked present at load.
WARNING_SIGN_TYPES: dict[str, type[BaseModel]] = {
    "WS-1": PainBuildsSign,
    "WS-2": PainLastsSign,
    "WS-3": StrengthPainSign,
}
RED_FLAG_TYPES: dict[str, type[BaseModel]] = {"RED-8": NotImprovingFlag, "RED-10": SwellingFlag}


class Cadence(_Model):
    rule: str = Field(pattern=RULE_ID)
    valid_spm: IntRange
    step_factor: float = Field(gt=1, lt=1.2)
    ceiling_spm: int
    no_change_at_spm: int
    recheck_days: int


class FormCue(_Model):
    id: str = Field(pattern=RULE_ID)
    title: str
    text: str


class CrossTraining(_Model):
    """A P1-3 option. `condition` is part of its name wherever it is offered (the bike's
    saddle high); `offered` says whether it is the usual choice or the one while the runner
    cannot bear weight on the leg (RED-1: nothing that loads the leg)."""

    id: str
    name: str
    condition: str | None = None
    note: str
    offered: Literal["usual", "cannot_bear_weight"]
    push_off: bool = Field(description="needs a push-off: not offered while RED-3 is open")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.condition})" if self.condition else self.name


class CheckinQuestion(_Model):
    """One yes/no question of the daily check-in: the `Checkin` field it sets and the rule
    that a "yes" feeds (WS-4 or a red flag)."""

    field: str = Field(pattern=r"^[a-z_]+$")
    rule: str = Field(pattern=RULE_ID)
    question: str = Field(min_length=5)


class CheckinQuestions(_Model):
    pain_daily: str = Field(min_length=5)
    pain_rest: str = Field(min_length=5)
    symptoms: tuple[CheckinQuestion, ...] = Field(min_length=1)


class SameRun(_Model):
    """One run, not two (v1.2): a hand-typed and an imported run on the same day whose
    durations differ by at most `within_fraction` of the longer one, or `within_minutes`."""

    within_fraction: float = Field(ge=0, lt=1, description="of the longer run")
    within_minutes: float = Field(ge=0, description="or this close, whichever is more")


class PlausibleRun(_Model):
    """Plausible entries (v1.2): the bounds of a run typed by hand, and why one is refused."""

    max_minutes: float = Field(gt=0)
    fastest_pace_seconds: float = Field(gt=0, description="per km")
    slowest_pace_seconds: float = Field(gt=0, description="per km")
    too_long: str = Field(min_length=10)
    too_fast: str = Field(min_length=10)
    too_slow: str = Field(min_length=10)

    @model_validator(mode="after")
    def _ordered(self) -> PlausibleRun:
        if self.fastest_pace_seconds >= self.slowest_pace_seconds:
            raise ValueError("the fastest pace must be below the slowest")
        return self


class Vocabulary(_Model):
    """The numbers of the spec's vocabulary (v1.2): one run not two, plausible entries, and
    how far back the plan asks for a run's missing answers (answered, never assumed)."""

    same_run: SameRun = parameter("one run, not two")
    plausible_run: PlausibleRun = parameter("plausible entries")
    unrated_runs_days: int = parameter(
        "answered, never assumed",
        ge=1,
        description="the plan asks for missing answers of runs this far back",
    )


class EducationNote(_Model):
    """A short text for the runner to read: a timeline note (TL-*) or an education note
    (ED-*)."""

    id: str = Field(pattern=RULE_ID)
    title: str
    text: str


class Protocol(_Model):
    id: str
    version: str
    title: str
    phases: tuple[Phase, ...] = Field(min_length=1)
    rules: dict[str, Rule]
    vocabulary: Vocabulary
    timeline: tuple[EducationNote, ...]
    protect: Protect
    rolling: Window
    stretching: Window
    strength: StrengthSchedule
    exercises: tuple[Exercise, ...] = Field(min_length=12)
    gate: GateCriteria
    return_weeks: tuple[ReturnWeek, ...] = Field(min_length=3, max_length=3)
    progress: ProgressStage
    hills_track: HillsTrack
    back_after_gap: BackAfterGap
    rung_tolerance_minutes: int = parameter("RTR-1", ge=0)
    warm_up: WarmUp
    warning_signs: tuple[AnyWarningSign, ...]
    red_flags: tuple[AnyRedFlag, ...]
    checkin: CheckinQuestions
    cadence: Cadence
    form_cues: tuple[FormCue, ...]
    cross_training: tuple[CrossTraining, ...] = parameter("P1-3")
    education: tuple[EducationNote, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Protocol:
        for rule_id in self.rules:
            if not re.match(RULE_ID, rule_id):
                raise ValueError(f"rules: {rule_id!r} is not a rule ID")
        grouped = [prefix for phase in self.phases for prefix in phase.prefixes]
        if len(grouped) != len(set(grouped)):
            raise ValueError("phases: a prefix is in more than one phase")
        ungrouped = sorted({r for r in self.rules if r.rsplit("-", 1)[0] not in grouped})
        if ungrouped:
            raise ValueError(f"phases: no phase holds {', '.join(ungrouped)}")
        referenced = (
            [e.rule for e in self.exercises]
            + [c.rule for e in self.exercises for c in e.common_errors]
            + [e.progression.rule for e in self.exercises if e.progression]
            + [w.rule for w in self.return_weeks]
            + [w.id for w in self.warning_signs]
            + [r.id for r in self.red_flags]
            + [c.id for c in self.form_cues]
            + [e.id for e in self.education]
            + [t.id for t in self.timeline]
            + [q.rule for q in self.checkin.symptoms]
            + [self.rolling.rule, self.stretching.rule, self.strength.rule]
            + [self.gate.rule, self.progress.rule, self.hills_track.rule, self.warm_up.rule]
            + [self.back_after_gap.rule]
            + [self.cadence.rule]
        )
        missing = sorted({r for r in referenced if r not in self.rules})
        if missing:
            raise ValueError(f"rules without an entry in `rules`: {', '.join(missing)}")
        ids = [e.id for e in self.exercises]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate exercise id")
        known = set(ids)
        for name in [*self.warm_up.rolls, *(a.exercise for a in self.warm_up.activation)]:
            if name not in known:
                raise ValueError(f"warm_up names unknown exercise {name!r}")
        if self.gate.pain_free_days_default not in self.gate.pain_free_days_allowed:
            raise ValueError("RTR-0: the gate's default is not among the allowed values")
        typed = {type(item) for item in [*self.warning_signs, *self.red_flags]}
        for rule_id, kind in [*WARNING_SIGN_TYPES.items(), *RED_FLAG_TYPES.items()]:
            if kind not in typed:
                raise ValueError(f"{rule_id} is missing from the protocol")
        return self

    # --- look-ups the engine and the edges share -------------------------------------------
    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def exercises_of(self, kind: ExerciseKind) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.kind == kind)

    def red_flag(self, flag_id: str) -> RedFlag:
        for flag in self.red_flags:
            if flag.id == flag_id:
                return flag
        raise KeyError(flag_id)

    def warning_sign(self, sign_id: str) -> WarningSign:
        for sign in self.warning_signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(sign_id)

    def pausing_red_flags(self) -> tuple[str, ...]:
        """The red flags that pause running and loaded strength work (RED-1..3, and v1.2
        RED-6 and RED-10)."""
        return self._pausing_red_flags

    @cached_property
    def _pausing_red_flags(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.red_flags if flag.pauses)

    @cached_property
    def pain_builds(self) -> PainBuildsSign:
        """WS-1 with its numbers."""
        return _typed(self.warning_sign("WS-1"), PainBuildsSign)

    @cached_property
    def pain_lasts(self) -> PainLastsSign:
        """WS-2 with its numbers."""
        return _typed(self.warning_sign("WS-2"), PainLastsSign)

    @cached_property
    def strength_pain(self) -> StrengthPainSign:
        """WS-3 with its numbers."""
        return _typed(self.warning_sign("WS-3"), StrengthPainSign)

    @cached_property
    def not_improving(self) -> NotImprovingFlag:
        """RED-8 with its numbers."""
        return _typed(self.red_flag("RED-8"), NotImprovingFlag)

    @cached_property
    def swelling_stays(self) -> SwellingFlag:
        """RED-10 with its numbers."""
        return _typed(self.red_flag("RED-10"), SwellingFlag)

    def return_week(self, stage: str) -> ReturnWeek:
        for week in self.return_weeks:
            if week.stage == stage:
                return week
        raise KeyError(stage)

    def why(self, rule_id: str) -> str:
        return self.rules[rule_id].why


Item = TypeVar("Item", bound=BaseModel)


def _typed(item: BaseModel, kind: type[Item]) -> Item:
    assert isinstance(item, kind), f"{item!r} is not a {kind.__name__}"  # checked at load
    return item


# --- naming the rule of a load error ----------------------------------------------------------
class InvalidProtocol(ValueError):
    """The protocol file is incomplete or inconsistent; the message names each rule affected."""


def rule_of_error(location: tuple[int | str, ...], document: Any) -> str | None:
    """The rule a validation error at `location` belongs to: the innermost item of the
    document with a rule ID (`rule` or `id`), or the rule a schema field names itself."""
    found: str | None = None
    node: Any = document
    model: type[BaseModel] | None = Protocol
    for part in location:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
        if isinstance(node, dict):
            for key in ("rule", "id"):
                if isinstance(node.get(key), str) and re.match(RULE_ID, node[key]):
                    found = node[key]
        if model is not None and isinstance(part, str) and part in model.model_fields:
            info = model.model_fields[part]
            extra = info.json_schema_extra
            if isinstance(extra, dict) and isinstance(extra.get("rule"), str):
                found = str(extra["rule"])
            model = _model_of(info.annotation)
    return found


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is tuple:
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        return _model_of(args[0]) if len(args) == 1 else None
    return None


def validate_protocol(document: Any) -> Protocol:
    """The validated protocol, or InvalidProtocol naming each problem and its rule."""
    try:
        return Protocol.model_validate(document)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location = tuple(error.get("loc", ()))
            where = ".".join(str(part) for part in location)
            rule = rule_of_error(location, document)
            if rule is None and "ctx" in error:
                rule = _rule_in(str(error["ctx"].get("error", "")))
            prefix = f"{rule}: " if rule else ""
            problems.append(f"{prefix}{where}: {error['msg']}" if where else prefix + error["msg"])
        raise InvalidProtocol("invalid protocol file: " + "; ".join(problems)) from exc


def _rule_in(text: str) -> str | None:
    match = re.search(r"\b(TL|P1|FR|ST|PR|SX|RF|RTR|WS|RED|ED)-\d+\b", text)
    return match.group(0) if match else None

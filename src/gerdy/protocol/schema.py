"""Typed schema of the protocol file. Loading fails loudly on any missing or inconsistent item.

The structure follows the spec's sections; every item carries its rule ID (`rule`), and
`rules` maps each ID to the short title and one-line "why" that the program shows.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

RULE_ID = r"^(TL|P1|FR|ST|PR|SX|RF|RTR|WS|RED|ED)-\d+$"
ExerciseKind = Literal["strength", "roll", "stretch"]
DoseUnit = Literal["reps", "steps", "seconds"]
Per = Literal["side", "direction"]
WeekdayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
StageName = Literal["protect", "paused", "return-1", "return-2", "return-3", "progress"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    start_level: int = 0
    note: str
    raise_box_when_knee_caves: bool = False

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


class Phase(_Model):
    id: str
    rule_prefix: str
    title: str
    weeks: IntRange
    summary: str


class Protect(_Model):
    rules: tuple[str, ...]
    min_break_days: int = Field(ge=1)
    first_mile_km: float
    reduced_cap_fraction: float = Field(gt=0, lt=1)
    heat_free_days: int = Field(ge=0)
    ice_minutes: IntRange
    donts: tuple[str, ...] = Field(min_length=1)
    diet_note: str


class Window(_Model):
    """When a kind of work is prescribed: from a day, through a week (None = for good)."""

    first_day: int = Field(ge=1)
    last_week: int | None = None


class StrengthSchedule(_Model):
    first_day: int = Field(ge=1)
    intensive_last_week: int
    sessions_per_week: int = Field(ge=1, le=3)
    maintenance_sessions_per_week: IntRange
    default_days: tuple[WeekdayName, WeekdayName, WeekdayName]


class Gate(_Model):
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
    long_run: IntRange | None = None
    long_run_after_pain_free_runs: int | None = None


class Progress(_Model):
    rule: str = Field(pattern=RULE_ID)
    weekly_growth: float = Field(gt=0, le=0.5)
    min_base_weekly_minutes: int = Field(ge=0)


class HillsTrack(_Model):
    rule: str = Field(pattern=RULE_ID)
    from_return_week_default: int
    from_return_week_allowed: IntRange


class Activation(_Model):
    exercise: str
    sets: int


class WarmUp(_Model):
    rule: str = Field(pattern=RULE_ID)
    rolls: tuple[str, ...]
    activation: tuple[Activation, ...]


class WarningSign(_Model):
    id: str = Field(pattern=RULE_ID)
    title: str
    action: str
    pauses_running: bool
    resume_pain_free_days: int | None = None
    pain_after_hours: float | None = None


class RedFlag(_Model):
    id: str = Field(pattern=RULE_ID)
    title: str
    text: str
    pauses: bool
    intake_question: str | None = None
    from_day: int | None = None
    window_checkins: int | None = None
    min_adherence: tuple[int, int] | None = Field(
        default=None, description="at least this share of sessions done, as (done, prescribed)"
    )
    consecutive_checkins: int | None = None


class Cadence(_Model):
    rule: str = Field(pattern=RULE_ID)
    step_factor: float = Field(gt=1, lt=1.2)
    ceiling_spm: int
    no_change_at_spm: int
    recheck_days: int


class FormCue(_Model):
    id: str = Field(pattern=RULE_ID)
    title: str
    text: str


class CrossTraining(_Model):
    id: str
    name: str
    note: str


class Education(_Model):
    id: str = Field(pattern=RULE_ID)
    title: str
    text: str


class Protocol(_Model):
    id: str
    version: str
    title: str
    disclaimer: str
    rules: dict[str, Rule]
    timeline: tuple[Education, ...]
    phases: tuple[Phase, ...]
    protect: Protect
    rolling: Window
    stretching: Window
    strength: StrengthSchedule
    exercises: tuple[Exercise, ...] = Field(min_length=12)
    gate: Gate
    return_weeks: tuple[ReturnWeek, ...] = Field(min_length=3, max_length=3)
    progress: Progress
    hills_track: HillsTrack
    warm_up: WarmUp
    warning_signs: tuple[WarningSign, ...]
    red_flags: tuple[RedFlag, ...]
    cadence: Cadence
    form_cues: tuple[FormCue, ...]
    cross_training: tuple[CrossTraining, ...]
    education: tuple[Education, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Protocol:
        for rule_id in self.rules:
            if not re.match(RULE_ID, rule_id):
                raise ValueError(f"rules: {rule_id!r} is not a rule ID")
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
            + list(self.protect.rules)
            + [self.gate.rule, self.progress.rule, self.hills_track.rule, self.warm_up.rule]
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
            raise ValueError("gate default not among the allowed values")
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

    def return_week(self, stage: str) -> ReturnWeek:
        for week in self.return_weeks:
            if week.stage == stage:
                return week
        raise KeyError(stage)

    def why(self, rule_id: str) -> str:
        return self.rules[rule_id].why

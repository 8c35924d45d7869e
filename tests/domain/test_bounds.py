"""A value's bounds are read from the model that owns them, so prompts, forms and help texts
name the same range the model enforces."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from gerdy.domain.bounds import Bounds, bounds_of
from gerdy.domain.events import CheckinAnswers, ExerciseLog, RunReport
from gerdy.domain.profile import Profile


def test_bounds_are_the_models_own() -> None:
    assert bounds_of(CheckinAnswers, "pain_daily") == Bounds(0, 10)
    assert bounds_of(RunReport, "pain_during") == Bounds(0, 10)  # optional: inside the union
    assert bounds_of(RunReport, "minutes") == Bounds(0, 1440, low_open=True)
    assert bounds_of(ExerciseLog, "sets") == Bounds(0, 200)  # each set's reps
    assert bounds_of(Profile, "baseline_weekly_run_minutes") == Bounds(0, 3000)


def test_an_open_end_excludes_its_bound_and_says_so() -> None:
    minutes = bounds_of(RunReport, "minutes")
    assert 0 not in minutes and 0.5 in minutes and 1440 in minutes and 1441 not in minutes
    assert minutes.refusal() == "give a number above 0 and at most 1440"
    assert Bounds(0, 10).refusal(whole=True) == "give a whole number from 0 to 10"
    assert Bounds(0, 10).span == "0-10"


def test_a_field_without_bounds_is_a_bug_named_by_its_model() -> None:
    class Unbounded(BaseModel):
        text: str = Field(max_length=5)

    with pytest.raises(LookupError, match=r"Unbounded\.text"):
        bounds_of(Unbounded, "text")

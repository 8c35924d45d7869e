"""Which change set each plan setting in force (`plan_settings.settings_sources`), and what a
runner's edit of a setting a change set becomes (`runner_settings_edit`): pure functions."""

from __future__ import annotations

import datetime as dt

from gerdy.domain.events import Author, Event, SettingsChange
from gerdy.domain.profile import Profile
from gerdy.engine.plan import SettingsInForce
from gerdy.services.plan_settings import runner_settings_edit, settings_sources

START = dt.date(2026, 3, 2)
TODAY = START + dt.timedelta(days=9)
PHYSIO = Author(role="clinician", name="Dr. Ines Okafor")
PROFILE = Profile(start_date=START, side="left", baseline_weekly_run_minutes=90)


def in_force(
    days: tuple[str, ...] = ("mon", "wed", "fri"), track: str = "reduced"
) -> SettingsInForce:
    return SettingsInForce.model_validate(
        {"gate_days": 7, "hills_track_week": 6, "strength_days": days, "track": track}
    )


def test_st_0_the_latest_change_naming_a_setting_is_its_source() -> None:
    events: list[Event] = [
        SettingsChange(date=START, strength_days=("tue", "thu", "sat"), gate_days=5, author=PHYSIO),
        SettingsChange(date=TODAY, strength_days=("mon", "wed", "fri")),
        SettingsChange(date=TODAY + dt.timedelta(days=1), strength_days=("tue", "thu", "sat")),
    ]
    sources = settings_sources(in_force(), events, TODAY)
    assert sources["strength_days"].since == TODAY and sources["strength_days"].author is None
    assert sources["gate_days"].changed is False  # 7 in force: not the change's 5
    assert sources["track"].changed is False


def test_p1_2_a_track_change_the_engine_did_not_apply_is_not_named() -> None:
    events: list[Event] = [SettingsChange(date=START, track="break", author=PHYSIO)]
    assert settings_sources(in_force(track="reduced"), events, TODAY)["track"].changed is False
    source = settings_sources(in_force(track="break"), events, TODAY)["track"]
    assert source.author == PHYSIO and source.since == START


def test_st_0_a_runners_new_days_over_a_change_become_their_own_change() -> None:
    events: list[Event] = [
        SettingsChange(date=START, strength_days=("tue", "thu", "sat"), author=PHYSIO)
    ]
    sources = settings_sources(in_force(("tue", "thu", "sat")), events, TODAY)
    edited = PROFILE.model_copy(
        update={"strength_days": ("mon", "wed", "fri"), "units": "imperial"}
    )
    profile, change = runner_settings_edit(PROFILE, edited, sources, TODAY)
    assert profile.strength_days is None and profile.units == "imperial"
    assert change == SettingsChange(date=TODAY, strength_days=("mon", "wed", "fri"))
    same = PROFILE.model_copy(update={"strength_days": ("tue", "thu", "sat")})
    assert runner_settings_edit(PROFILE, same, sources, TODAY) == (PROFILE, None)


def test_st_0_without_a_change_the_profile_takes_the_edit() -> None:
    sources = settings_sources(in_force(), [], TODAY)
    edited = PROFILE.model_copy(update={"strength_days": ("tue", "thu", "sat"), "track": "break"})
    assert runner_settings_edit(PROFILE, edited, sources, TODAY) == (edited, None)

"""Sample profiles and events, one of every event type, for the storage tests."""

from __future__ import annotations

import datetime as dt

from gerdy.domain.events import (
    Author,
    Checkin,
    Clearance,
    Cross,
    Event,
    ExerciseLog,
    FormCheck,
    FormRep,
    Note,
    PainBySide,
    Roll,
    Run,
    SettingsChange,
    Source,
    Strength,
    Stretch,
)
from gerdy.domain.profile import Intake, Profile, Settings

START = dt.date(2026, 3, 2)
SHA_A = "a" * 64
SHA_B = "b" * 64
PHYSIO = Author(role="clinician", name="Dr. Ines Okafor")


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def sample_profile(**changes: object) -> Profile:
    profile = Profile(
        start_date=START,
        side="left",
        baseline_weekly_run_minutes=150,
        cadence_spm=165,
        strength_days=("mon", "wed", "fri"),
        intake=Intake(pain_within_first_mile=True),
        settings=Settings(gate_days=5),
        units="imperial",
        timezone="Europe/Paris",
    )
    return profile.model_copy(update=changes)


def one_of_each() -> list[Event]:
    """One event of every type (with optional fields set), none with an id."""
    return [
        Checkin(date=day(0), pain_daily=4, pain_rest=1, swelling=True, note="stiff stairs"),
        Strength(
            date=day(1),
            exercises=(
                ExerciseLog(
                    id="clamshell",
                    sets=(15, 15, 12),
                    pain=1,
                    pain_by_side=PainBySide(left=1, right=0),
                    effort="hard",
                ),
                ExerciseLog(id="glute_bridge", sets=(12, 12), pain=0, knee_caved_in=True),
            ),
        ),
        Run(
            date=day(2),
            minutes=31.5,
            distance_km=5.2,
            pain_during=2,
            pain_after_hours=3,
            cadence_spm=172,
            terrain="track",
            source=Source(file="watch/2026-03-04.fit", sha256=SHA_A),
        ),
        Roll(date=day(2), items=("tfl_roll", "glute_roll")),
        Stretch(date=day(3), items=("pigeon", "figure_four")),
        Cross(date=day(3), activity="bike", minutes=45, distance_km=18, source=None),
        Clearance(date=day(4), rules=("RED-1", "RED-11"), cleared_by="Dr Okafor, physio"),
        FormCheck(
            date=day(4),
            view="front",
            exercise="single_leg_box_squat",
            side="left",
            reps=(
                FormRep(knee_valgus_deg=4.5, caved_in=False),
                FormRep(knee_valgus_deg=14.0, caved_in=True),
            ),
            source=Source(file="squat_left.mp4", sha256=SHA_B),
        ),
        Note(date=day(5), text="Keep the runs flat this week.", author=PHYSIO),
        SettingsChange(
            date=day(5),
            gate_days=5,
            hills_track_week=7,
            strength_days=("tue", "thu", "sat"),
            track="reduced",
            author=PHYSIO,
        ),
        Clearance(date=day(6), rules=("RED-4",), author=PHYSIO, note="examined"),
        Run(date=day(6), minutes=12, author=Author(role="runner", name="Sam")),
    ]

"""Presentation helpers shared by pages and the API: which tasks can be ticked, labels of
symptoms and units. They format what the engine decided; they decide nothing.
"""

from __future__ import annotations

from gerdy.domain.bounds import Bounds, bounds_of
from gerdy.domain.events import CheckinAnswers, Cross, ExerciseLog, RunReport
from gerdy.domain.profile import Profile
from gerdy.protocol import load_protocol
from gerdy.questions import checkin_questions, run_questions

TICKABLE = frozenset({"roll", "stretch", "strength", "run", "cross"})
# The check-in's and the run's questions: the CLI and the API's schema ask the same ones.
CHECKIN_QUESTIONS = checkin_questions(load_protocol())
RUN_QUESTIONS = run_questions(load_protocol())
# Check-in symptoms (the gerdy/1 Checkin fields) and the question each answers.
SYMPTOMS: tuple[tuple[str, str], ...] = tuple(
    (question.name, question.text) for question in CHECKIN_QUESTIONS.symptoms
)
# The bounds the forms name and hint to the browser: the models' own (the server checks them).
BOUNDS: dict[str, Bounds] = {
    "pain": bounds_of(CheckinAnswers, "pain_daily"),
    "run_minutes": bounds_of(RunReport, "minutes"),
    "distance_km": bounds_of(RunReport, "distance_km"),
    "pain_after_hours": bounds_of(RunReport, "pain_after_hours"),
    "cross_minutes": bounds_of(Cross, "minutes"),
    "reps": bounds_of(ExerciseLog, "sets"),
    "weekly_minutes": bounds_of(Profile, "baseline_weekly_run_minutes"),
}
PAIN_SPAN = BOUNDS["pain"].span
SESSION_KINDS = ("roll", "stretch", "strength")

"""Library and Learn: every exercise (figure, target muscles, steps, common errors,
progressions) and the education texts (ED-1..6, SX-4). Read-only; needs no record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from markupsafe import Markup

from gerdy.figures import figure_svg
from gerdy.protocol.schema import Exercise, ExerciseKind, Protocol
from gerdy.web.sessions import Reader, reader
from gerdy.web.templating import render

router = APIRouter(include_in_schema=False)
CurrentReader = Annotated[Reader, Depends(reader)]
LEARN_RULES = ("SX-4", "P1-7")  # rules whose longer `detail` is worth reading on its own
KIND_TITLES: dict[ExerciseKind, str] = {
    "roll": "Rolling",
    "stretch": "Stretches",
    "strength": "Strength",
}


def figure(exercise_id: str) -> Markup | None:
    """The exercise's SVG figure (package data in gerdy.figures), or None."""
    try:
        return Markup(figure_svg(exercise_id))  # trusted: package data drawn by our own code
    except KeyError:
        return None


def find_exercise(protocol: Protocol, exercise_id: str) -> Exercise:
    for exercise in protocol.exercises:
        if exercise.id == exercise_id or exercise.rule == exercise_id.upper():
            return exercise
    raise HTTPException(404, f"unknown exercise {exercise_id!r}")


@router.get("/library")
def library_page(request: Request, current: CurrentReader) -> Response:
    protocol = current.protocol
    groups = [(KIND_TITLES[kind], protocol.exercises_of(kind)) for kind in KIND_TITLES]
    return render(request, "library.html", {"title": "Library", "groups": groups})


@router.get("/library/{exercise_id}")
def exercise_page(request: Request, exercise_id: str, current: CurrentReader) -> Response:
    protocol = current.protocol
    exercise = find_exercise(protocol, exercise_id)
    return render(
        request,
        "exercise.html",
        {
            "title": exercise.name,
            "exercise": exercise,
            "figure": figure(exercise.id),
            "why": protocol.why(exercise.rule),
            "units": current.units,
            "rules": protocol.rules,
        },
    )


@router.get("/learn")
def learn_page(request: Request, current: CurrentReader) -> Response:
    protocol = current.protocol
    notes = [(rule_id, protocol.rules[rule_id]) for rule_id in LEARN_RULES]
    return render(
        request,
        "learn.html",
        {
            "title": "Learn",
            "education": protocol.education,
            "notes": notes,
            "timeline": protocol.timeline,
        },
    )

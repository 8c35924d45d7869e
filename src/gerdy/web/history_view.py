"""How the History page shows and edits events: a one-line summary of each kind, the form
fields an edit offers, and turning a submitted edit form back into a `gerdy/1` event object.
It formats and parses; the Coach decides whether the event is accepted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import (
    Checkin,
    Clearance,
    Cross,
    Event,
    FormCheck,
    Note,
    Roll,
    RollId,
    Run,
    SettingsChange,
    Strength,
    Stretch,
    StretchId,
    Terrain,
)
from gerdy.formatting import (
    author_text,
    distance_in_units,
    distance_text,
    km_from,
    runners_word_text,
    seen_by_text,
    settings_change_text,
)
from gerdy.protocol import Protocol
from gerdy.web.views import CHECKIN_QUESTIONS, RUN_QUESTIONS

KIND_LABELS: dict[str, str] = {
    "checkin": "Check-in",
    "run": "Run",
    "strength": "Strength",
    "roll": "Foam rolling",
    "stretch": "Stretching",
    "cross": "Cross-training",
    "clearance": "Clearance",
    "form_check": "Form check",
    "note": "Note",
    "settings_change": "Settings change",
}
EDITABLE = frozenset({"checkin", "run", "strength", "roll", "stretch", "cross", "clearance"})


@dataclass(frozen=True)
class FormField:
    """One input of an edit form: `kind` is pain, pain_opt, number, number_opt, distance_opt
    (km stored, shown and typed in the runner's units), yes_no (a question answered yes or
    no), text, text_opt or choice (with `choices`); `hint` says what an empty answer means.
    The check-in's and the run's fields are their questions (`gerdy.questions`), in the
    words the Check-in and Runs pages, `gerdy checkin` and `gerdy log run` ask them."""

    name: str
    label: str
    kind: str
    choices: tuple[str, ...] = ()
    step: str = "any"
    hint: str = ""


CHECKIN_FIELDS = (
    *(FormField(q.name, q.text, "pain") for q in CHECKIN_QUESTIONS.pain),
    *(FormField(q.name, q.text, "yes_no") for q in CHECKIN_QUESTIONS.symptoms),
)
RUN_FIELDS = (
    FormField("minutes", RUN_QUESTIONS.minutes.text, "number"),
    FormField("distance_km", "Distance in {units} (optional)", "distance_opt"),
    FormField(
        "pain_during", RUN_QUESTIONS.pain_during.text, "pain_opt", hint="Empty: not rated yet."
    ),
    FormField(
        "pain_worsened",
        RUN_QUESTIONS.pain_worsened.text,
        "yes_no",
        hint="Asked once the run is rated.",
    ),
    FormField(
        "pain_after_hours",
        RUN_QUESTIONS.pain_after_hours.text,
        "number_opt",
        hint="Empty: not answered yet.",
    ),
    FormField("cadence_spm", "Cadence, steps/min (optional)", "number_opt", step="1"),
    FormField("terrain", "Terrain", "choice", get_args(Terrain)),
)
CROSS_FIELDS = (
    FormField("activity", "Activity", "text"),
    FormField("minutes", "Minutes", "number"),
    FormField("distance_km", "Distance in {units} (optional)", "distance_opt"),
)
CLEARANCE_FIELDS = (
    FormField("cleared_by", "Who cleared you (their name)", "text_opt"),
    FormField("cleared_by_role", "Their role (e.g. physiotherapist)", "text_opt"),
)
FLAT_FIELDS: dict[str, tuple[FormField, ...]] = {
    "checkin": CHECKIN_FIELDS,
    "run": RUN_FIELDS,
    "cross": CROSS_FIELDS,
    "clearance": CLEARANCE_FIELDS,
}
ITEM_CHOICES: dict[str, tuple[str, ...]] = {
    "roll": get_args(RollId),
    "stretch": get_args(StretchId),
}


def title_of(protocol: Protocol, exercise_id: str) -> str:
    try:
        return protocol.exercise(exercise_id).name
    except KeyError:
        return exercise_id.replace("_", " ")


def pain_text(value: int | None) -> str:
    return "not rated" if value is None else f"{value}/10"


def event_details(
    event: Event, protocol: Protocol, units: str, *, to_clinician: bool = False
) -> list[tuple[str, str]]:
    """Label/value pairs that say what the event recorded (runs: pain during, worsened, ached
    after — what WS-1 and WS-2 read); a clinician's entry says who wrote it, a clearance the
    runner recorded that it is theirs (v1.2: "Recorded by you", to a clinician "On the
    runner's word")."""
    pairs = _what_it_says(event, protocol, units)
    if event.author is not None and event.author.role != "runner":
        pairs.append(("By", author_text(event)))
    elif (word := runners_word_text(event, to_clinician=to_clinician)) is not None:
        pairs.append(("By", word))
    return pairs


def _what_it_says(  # noqa: C901 -- one branch per event type
    event: Event, protocol: Protocol, units: str
) -> list[tuple[str, str]]:
    if isinstance(event, Checkin):
        symptoms = [q.text for q in CHECKIN_QUESTIONS.symptoms if getattr(event, q.name)]
        pairs = [("Pain", f"{event.pain_daily}/10 daily, {event.pain_rest}/10 at rest")]
        return pairs + [("Symptom", s) for s in symptoms]
    if isinstance(event, Run):
        pairs = [("Time", f"{event.minutes:g} min")]
        if event.distance_km is not None:
            pairs.append(("Distance", distance_text(event.distance_km, units)))
        pairs += [
            ("Pain during", pain_text(event.pain_during)),
            ("Worsened", "yes" if event.pain_worsened else "no"),
            (
                "Ached after",
                "not answered yet"
                if event.pain_after_hours is None
                else f"{event.pain_after_hours:g} h",
            ),
        ]
        if event.cadence_spm is not None:
            pairs.append(("Cadence", f"{event.cadence_spm:g} steps/min"))
        return [*pairs, ("Terrain", event.terrain)]
    if isinstance(event, Strength):
        rows = []
        for log in event.exercises:
            sets = " + ".join(str(n) for n in log.sets)
            pain = f"pain {log.pain}/10"
            if log.pain_by_side is not None:
                pain += f" (left {log.pain_by_side.left}, right {log.pain_by_side.right})"
            rows.append((title_of(protocol, log.id), f"{sets} · {pain} · {log.effort}"))
        return rows
    if isinstance(event, Roll | Stretch):
        return [("Done", ", ".join(title_of(protocol, item) for item in event.items))]
    if isinstance(event, Cross):
        text = f"{event.activity}, {event.minutes:g} min"
        if event.distance_km is not None:
            text += f", {distance_text(event.distance_km, units)}"
        return [("Activity", text)]
    if isinstance(event, Clearance):
        pairs = [("Cleared", ", ".join(event.rules))]
        if (seen_by := seen_by_text(event)) is not None:
            pairs.append(("Seen by", seen_by))
        return pairs
    if isinstance(event, Note):
        return [("Says", event.text)]
    if isinstance(event, SettingsChange):
        return [("Changed", settings_change_text(event))]
    if isinstance(event, FormCheck):
        what = event.exercise.replace("_", " ") if event.exercise else event.activity
        return [("Video", f"{what}, {event.view} view")]
    return []


def _number(form: Any, field: FormField) -> float | None:
    text = str(form.get(field.name) or "").strip()
    if not text:
        if field.kind.endswith("_opt"):
            return None
        raise InvalidInput(f"{field.label}: give a number")
    try:
        value = float(text)
    except ValueError as exc:
        raise InvalidInput(f"{field.label}: {text!r} is not a number") from exc
    return int(value) if field.kind.startswith("pain") or field.step == "1" else value


def unit_name(units: str) -> str:
    return "miles" if units == "imperial" else "km"


def form_value(event: Event, field: FormField, units: str) -> Any:
    """The value an edit form starts with (a distance in the runner's units; whether an
    unrated run's pain got worse is not answered yet)."""
    value = getattr(event, field.name)
    if isinstance(event, Run) and field.name == "pain_worsened" and event.pain_during is None:
        return None
    if field.kind == "distance_opt" and value is not None:
        return distance_in_units(value, units)
    return value


def _distance(form: Any, field: FormField, event: Event, units: str) -> float | None:
    """The km to store: the original value when the form still shows it (so saving without
    a change keeps it exactly), else the typed distance converted from the runner's units."""
    label = field.label.format(units=unit_name(units))
    typed = _number(form, FormField(field.name, label, field.kind))
    if typed is None:
        return None
    original = getattr(event, field.name)
    if original is not None and typed == form_value(event, field, units):
        return float(original)
    return km_from(None, typed) if units == "imperial" else typed


def _flat_values(
    form: Any, fields: tuple[FormField, ...], event: Event, units: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields:
        if field.kind == "distance_opt":
            values[field.name] = _distance(form, field, event, units)
        elif field.kind == "yes_no":
            values[field.name] = _yes_no(form, field, values)
        elif field.kind in ("text", "text_opt"):
            values[field.name] = str(form.get(field.name) or "").strip() or None
        elif field.kind == "choice":
            values[field.name] = str(form.get(field.name) or "")
        else:
            values[field.name] = _number(form, field)
    return values


def _yes_no(form: Any, field: FormField, values: dict[str, Any]) -> bool:
    """A question's yes or no (answered, never assumed): whether the pain got worse is no for
    a run without pain, or not rated yet; any other question left open is refused."""
    answer = str(form.get(field.name) or "").strip()
    if answer in ("yes", "no"):
        return answer == "yes"
    if field.name == "pain_worsened" and not values.get("pain_during"):
        return False
    raise InvalidInput(
        f"Please answer every question (nothing was saved). Not answered: {field.label}"
    )


def _strength_values(form: Any, event: Strength) -> dict[str, Any]:
    exercises = []
    for log in event.exercises:
        text = str(form.get(f"{log.id}.sets") or "")
        try:
            sets = [int(part) for part in text.replace("+", ",").split(",") if part.strip()]
        except ValueError as exc:
            raise InvalidInput(f"{log.id}: sets are whole numbers, like 12, 12, 10") from exc
        item: dict[str, Any] = {
            "id": log.id,
            "sets": sets,
            "pain": _number(form, FormField(f"{log.id}.pain", f"{log.id} pain", "pain")),
            "effort": str(form.get(f"{log.id}.effort") or "right"),
            "knee_caved_in": form.get(f"{log.id}.knee_caved_in") == "yes",
        }
        if log.pain_by_side is not None:
            left = _number(form, FormField(f"{log.id}.left", f"{log.id} left", "pain"))
            right = _number(form, FormField(f"{log.id}.right", f"{log.id} right", "pain"))
            item["pain_by_side"] = {"left": left, "right": right}
            item["pain"] = None  # the larger side, as the contract says
        exercises.append(item)
    return {"exercises": exercises}


def edited_event(event: Event, form: Any, date: Any, units: str) -> dict[str, Any]:
    """The replacing event's `gerdy/1` object: the old one with the form's values (no id, so
    the store gives it a new one; the Coach adds `supersedes`). Distances are typed in
    `units`."""
    if event.type not in EDITABLE:
        raise InvalidInput(f"a {KIND_LABELS.get(event.type, event.type)} cannot be edited")
    data = event.model_dump(mode="json", exclude_none=True, exclude={"id", "supersedes"})
    data["date"] = date
    data["note"] = str(form.get("note") or "").strip() or None
    if event.type in FLAT_FIELDS:
        data.update(_flat_values(form, FLAT_FIELDS[event.type], event, units))
    elif isinstance(event, Strength):
        data.update(_strength_values(form, event))
    elif event.type in ITEM_CHOICES:
        data["items"] = [i for i in form.getlist("items") if i in ITEM_CHOICES[event.type]]
        if not data["items"]:
            raise InvalidInput("tick at least one item (or delete the entry instead)")
    return {k: v for k, v in data.items() if v is not None}

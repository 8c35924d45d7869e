"""How a runner's file draws the clinician's forms: each plan setting in force with who set it
(the adjustment form shows them all), and a refusal worded for the form it came from — the
field it concerns, in sentence case, in the form's words rather than the record's field names.
The rules themselves are the Coach's; this only says what it said, next to the right field."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as data_field
from typing import Literal

from gerdy.services.plan_settings import SettingName, SettingSource

ClinicForm = Literal["clearance", "note", "settings"]

# Each setting a professional may adjust: its label on the adjustment form and its rule.
SETTING_LABELS: dict[SettingName, tuple[str, str]] = {
    "gate_days": ("Pain-free days before running again", "RTR-0"),
    "hills_track_week": ("Return week hills and track may start", "RTR-5"),
    "track": ("Track", "P1-2"),
    "strength_days": ("Strength days", "ST-0"),
}
TRACK_WORDS = {"break": "a break from running", "reduced": "reduced running"}
# The other forms' fields, as the refusals name them.
FIELD_LABELS: dict[ClinicForm, dict[str, str]] = {
    "settings": {name: label for name, (label, _rule) in SETTING_LABELS.items()},
    "note": {"text": "The note"},
    "clearance": {"rules": "The red flags", "note": "The note"},
}


@dataclass(frozen=True)
class SettingNow:
    """A setting as the adjustment form shows it: label, rule, value in words, and who set
    it when (None: the runner's intake or the protocol's default)."""

    name: SettingName
    label: str
    rule: str
    value: str
    set_by: str | None


def value_words(source: SettingSource) -> str:
    value = source.value
    if isinstance(value, tuple):
        return ", ".join(day.capitalize() for day in value)
    if source.name == "gate_days":
        return f"{value} days"
    if source.name == "hills_track_week":
        return f"return week {value}"
    return TRACK_WORDS.get(str(value), str(value))


def setting_now(source: SettingSource, clinician_id: int) -> SettingNow:
    set_by = None
    if source.since is not None:
        author = source.author
        if author is None or author.role != "clinician":
            who = "the runner"
        elif author.account == clinician_id:
            who = "you"
        else:
            who = author.name
        set_by = f"set by {who} on {source.since:%a} {source.since.day} {source.since:%b}"
    label, rule = SETTING_LABELS[source.name]
    return SettingNow(source.name, label, rule, value_words(source), set_by)


@dataclass(frozen=True)
class FormRefusal:
    """A refused clinician's form: which form, the field it concerns (None: the form as a
    whole), the sentence, and the answers given (shown again)."""

    form: ClinicForm
    field: str | None
    message: str
    values: dict[str, object] = data_field(default_factory=dict)


RULE_FIELDS: dict[str, str] = {rule: name for name, (_label, rule) in SETTING_LABELS.items()}


def form_refusal(form: ClinicForm, message: str, values: dict[str, object]) -> FormRefusal:
    """The Coach's refusal `message` (one line, maybe "field: ...") as the form shows it."""
    labels = FIELD_LABELS[form]
    name, colon, rest = message.partition(": ")
    found: str | None = None
    if colon and name in labels:
        found, message = name, rest
    else:
        found = next(
            (f for rule, f in RULE_FIELDS.items() if f"({rule})" in message and f in labels), None
        )
    for key, label in labels.items():
        message = message.replace(key, label.lower())
        if label.endswith("s"):  # "strength days needs ..." reads "strength days need ..."
            message = message.replace(f"{label.lower()} needs ", f"{label.lower()} need ")
    return FormRefusal(form, found, sentence(message), values)


def sentence(text: str) -> str:
    """Sentence case, ending with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."

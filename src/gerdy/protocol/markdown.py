"""The protocol as a document for a physiotherapist: every rule with its ID, title, the one-line
"why", its details and every number the program uses for it, grouped by phase as the spec is.

`scripts/protocol_doc.py` writes it to `docs/protocol.md` (CI fails when that file is stale).
Nothing here knows a particular rule or field: the validated protocol is walked and each value
is filed under the rule it belongs to (the nearest item with a `rule` or `id` that is a rule
ID, or a field declared with `parameter(rule)`), labelled from its field's name and
description. A new field or rule in `itbs.yaml` shows up without a change here. Values that
belong to no rule are listed at the end, so nothing is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from gerdy.protocol.schema import RULE_ID, Protocol

# Top-level fields that describe the document itself, not a rule.
HEADER_FIELDS = ("id", "version", "title", "phases", "rules")
# Fields that name an item (its heading) rather than describe it.
NAME_FIELDS = ("title", "name")
RULE_FIELDS = ("rule", "id")
# A field name's last word, read as the unit of its value.
UNITS = {
    "km": "km",
    "cm": "cm",
    "in": "in",
    "s": "s",
    "seconds": "s",
    "minutes": "min",
    "hours": "h",
    "days": "days",
    "spm": "steps/min",
}
# Words of field names said in full.
WORDS = {
    "min": "minimum",
    "max": "maximum",
    "donts": "don'ts",
    "checkin": "check-in",
    "checkins": "check-ins",
}
SHARES = ("fraction", "growth")  # a last word that makes the value a share: 0.4 -> 40%
UNGROUPED = "Not tied to one rule"
TEXT = "Text"  # the label of a `text` field: the item's own words, shown as a paragraph


@dataclass
class Line:
    """One labelled value of a block: plain text, or a list of items."""

    label: str
    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class Block:
    """What one item of the protocol file says about its rule (an exercise, a warning sign,
    a group of numbers); `title` names the item when it has a name."""

    title: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Filed:
    """Every block of the protocol, under the rule it belongs to (UNGROUPED: to none)."""

    blocks: dict[str, list[Block]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # exercise id -> its name

    def add(self, rule: str | None, block: Block) -> None:
        """File `block` under `rule`; a label that is not a rule ID (a term of the spec's
        vocabulary, which has no ID) names the block among the values of no rule."""
        if rule is not None and not re.match(RULE_ID, rule):
            block = Block(f"{block.title}: {rule}", block.lines)
            rule = None
        if block.lines:
            self.blocks.setdefault(rule or UNGROUPED, []).append(block)


# --- words -----------------------------------------------------------------------------------
def _words(name: str) -> list[str]:
    return [WORDS.get(word, word) for word in name.split("_") if word]


def label_of(name: str, info: FieldInfo | None = None, *, measured: bool = False) -> str:
    """A field's label in plain words: `min_break_days` -> "Minimum break" when the value is
    `measured` (its unit, `unit_of`, is said with the value); the field's description follows
    in brackets."""
    words = _words(name)
    if measured and len(words) > 1 and name.rsplit("_", 1)[-1] in (*UNITS, "fraction"):
        words = words[:-1]
    label = " ".join(words).capitalize()
    if info is not None and info.description:
        label += f" ({info.description})"
    return label


def unit_of(name: str) -> str:
    return UNITS.get(name.rsplit("_", 1)[-1], "")


def _number(value: float) -> str:
    return f"{value:g}"


def _is_range(value: Any) -> bool:
    return isinstance(value, BaseModel) and set(type(value).model_fields) == {"min", "max"}


def _range(value: Any, unit: str = "") -> str:
    low, high = _number(value.min), _number(value.max)
    text = low if low == high else f"{low}\u2013{high}"
    return f"{text} {unit}".strip()


def scalar(name: str, value: Any, names: dict[str, str]) -> str:
    """A value as a physio reads it, with its unit: 40%, 7 days, 15-20 min, yes."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if _is_range(value):
        return _range(value, unit_of(name))
    if isinstance(value, float) and name.rsplit("_", 1)[-1] in SHARES:
        return f"{value * 100:g}%"
    if isinstance(value, int | float):
        return f"{_number(value)} {unit_of(name)}".strip()
    if isinstance(value, str):
        named = names.get(value, value)
        return named.replace("_", " ") if re.fullmatch(r"[a-z_]+", named) else named
    return str(value)


def _measured(value: Any) -> bool:
    """A number or a range of numbers (said with a unit), not a flag, a text or a list."""
    numbers = value if isinstance(value, tuple) and value else (value,)
    return all(
        _is_range(v) or (isinstance(v, int | float) and not isinstance(v, bool)) for v in numbers
    )


def dose(value: Any) -> str:
    """Sets x range unit, per side or direction, n times a day: "3 x 15-20 reps per side"."""
    parts = [f"{value.sets} \u00d7 {_range(value.range)} {value.unit}"]
    if value.per:
        parts.append(f"per {value.per}")
    if value.times_per_day is not None:
        times = _range(value.times_per_day)
        parts.append("once a day" if times == "1" else f"{times} times a day")
    return " ".join(parts)


def _is_dose(value: Any) -> bool:
    return isinstance(value, BaseModel) and {"sets", "unit", "range"} <= set(
        type(value).model_fields
    )


# --- filing values under rules ---------------------------------------------------------------
def _own_rule(item: BaseModel) -> str | None:
    for key in RULE_FIELDS:
        value = getattr(item, key, None)
        if isinstance(value, str) and re.match(RULE_ID, value):
            return value
    return None


def _field_rule(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    if isinstance(extra, dict) and isinstance(extra.get("rule"), str):
        return str(extra["rule"])
    return None


def _title(item: BaseModel, fallback: str) -> str:
    for key in NAME_FIELDS:
        value = getattr(item, key, None)
        if isinstance(value, str) and value:
            return value
    return fallback


def _models(value: Any) -> list[BaseModel] | None:
    """The items of a value that is one model or a tuple of them (else None)."""
    if isinstance(value, BaseModel) and not _is_range(value) and not _is_dose(value):
        return [value]
    if isinstance(value, tuple) and value and all(isinstance(v, BaseModel) for v in value):
        return list(value)
    return None


def _compact(item: BaseModel, names: dict[str, str]) -> str:
    """A small item without a rule of its own, on one line: "Clamshell, sets 1"."""
    parts = []
    for name in type(item).model_fields:
        value = getattr(item, name)
        if value is None or value == () or name == "id":
            continue
        shown = scalar(name, value, names)
        named = name in ("exercise", "label", *NAME_FIELDS)
        parts.append(
            shown if named else f"{label_of(name, measured=_measured(value)).lower()} {shown}"
        )
    return ", ".join(parts)


def file_item(filed: Filed, item: BaseModel, rule: str | None, title: str) -> None:
    """File `item` (and, separately, each item inside it that has a rule of its own)."""
    here = _own_rule(item) or rule
    heading = _title(item, title)
    blocks: dict[str | None, Block] = {}  # the item's values, by the rule each belongs to
    for name, info in type(item).model_fields.items():
        if name in (*RULE_FIELDS, *NAME_FIELDS):  # the block's rule and title; ids are internal
            continue
        value = getattr(item, name)
        if value is None or value == ():
            continue
        inner = _models(value)
        owner = _field_rule(info) or here
        if inner is not None and (_field_rule(info) or any(_own_rule(m) for m in inner)):
            for model in inner:
                file_item(filed, model, owner, f"{heading}: {label_of(name).lower()}")
        else:
            blocks.setdefault(owner, Block(heading)).lines.append(
                line(name, info, value, filed.names)
            )
    for owner, block in blocks.items():
        filed.add(owner, block)


def line(name: str, info: FieldInfo, value: Any, names: dict[str, str]) -> Line:
    label = label_of(name, info, measured=_measured(value))
    inner = _models(value)
    if inner is not None and isinstance(value, tuple):
        return Line(label, items=[_compact(model, names) for model in inner])
    if inner is not None:
        return Line(label, "; ".join(_compact(model, names) for model in inner))
    if _is_dose(value):
        return Line(label, dose(value))
    if isinstance(value, tuple):
        shown = [scalar(name, v, names) for v in value]
        if any(" " in text for text in shown):  # phrases: one a line
            return Line(label, items=shown)
        return Line(label, ", ".join(shown))
    return Line(label, scalar(name, value, names))


def file_protocol(protocol: Protocol) -> Filed:
    filed = Filed(names={e.id: e.name for e in protocol.exercises})
    for name, info in Protocol.model_fields.items():
        if name in HEADER_FIELDS:
            continue
        value = getattr(protocol, name)
        rule = _field_rule(info)
        items = _models(value)
        if items is None:
            filed.add(rule, Block(label_of(name), [line(name, info, value, filed.names)]))
            continue
        for item in items:
            file_item(filed, item, rule, label_of(name))
    return filed


# --- the document ----------------------------------------------------------------------------
def _anchor(rule: str) -> str:
    return rule.lower()


def render_block(block: Block) -> list[str]:
    out = [f"**{block.title}**", ""]
    for entry in block.lines:
        if entry.label == TEXT:
            out += [entry.text, ""] if out[-1] else [entry.text]
        elif entry.items:
            out.append(f"- {entry.label}:")
            out.extend(f"    - {item}" for item in entry.items)
        else:
            out.append(f"- {entry.label}: {entry.text}")
    return [*out, ""] if out[-1] else out


def render_rule(protocol: Protocol, rule: str, blocks: list[Block]) -> list[str]:
    entry = protocol.rules[rule]
    out = [f"### {rule}: {entry.title} {{#{_anchor(rule)}}}", "", f"*Why:* {entry.why}", ""]
    if entry.detail:
        out += [entry.detail, ""]
    for block in blocks:
        out += render_block(block)
    return out


def protocol_markdown(protocol: Protocol) -> str:
    """The whole document, in Markdown (MkDocs' flavour: headings carry their rule's anchor)."""
    filed = file_protocol(protocol)
    out = [
        f"# {protocol.title}",
        "",
        f"The rehab protocol gerdy follows (`{protocol.id}`, version {protocol.version}), rule "
        "by rule: for each rule its ID, what the runner is told and why, and every number the "
        "program uses for it. Days count from the programme's day 1; week *n* is days "
        "7(*n*\u22121)+1 to 7*n*; pain is rated from 0 to 10. The IDs are the ones gerdy shows "
        'next to each task and alert ("why?").',
        "",
        "This page is generated from `src/gerdy/protocol/itbs.yaml` by "
        "`scripts/protocol_doc.py`; edit the data, not this page.",
        "",
    ]
    for phase in protocol.phases:
        rules = [r for r in protocol.rules if r.rsplit("-", 1)[0] in phase.prefixes]
        out += [f"## {phase.title}", "", phase.summary, ""]
        for rule in rules:
            out += render_rule(protocol, rule, filed.blocks.get(rule, []))
    if UNGROUPED in filed.blocks:
        out += [f"## {UNGROUPED}", ""]
        for block in filed.blocks[UNGROUPED]:
            out += render_block(block)
    return "\n".join(out).rstrip() + "\n"

"""`gerdy exercises [ID]` and `gerdy learn [ID]`: the protocol's exercise library and its
education texts (ED-1..6, the SX-4 note on IT band stretching, what to expect TL-1/TL-2, the
optional food note P1-7). Read-only: these commands never open the record.
"""

from __future__ import annotations

from typing import Annotated

import typer

from gerdy.cli.cards import exercise_card, exercise_table, learn_card, learn_table
from gerdy.cli.options import CommandFailed, JsonFlag, emit_json
from gerdy.cli.render import show
from gerdy.protocol import load_protocol
from gerdy.protocol.schema import Exercise, Protocol

LEARN_RULES = ("SX-4", "P1-7")  # rules whose longer `detail` text is worth reading alone


def find_exercise(protocol: Protocol, name: str) -> Exercise:
    """By id (`clamshell`) or rule ID (`ST-1`)."""
    for exercise in protocol.exercises:
        if name.lower() == exercise.id or name.upper() == exercise.rule:
            return exercise
    raise CommandFailed(f"unknown exercise {name!r} (see `gerdy exercises` for the list)")


def exercises(
    exercise_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="An exercise id or rule ID, e.g. clamshell or ST-1."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The exercise library, or one exercise's full card (how to, cues, errors, progression)."""
    protocol = load_protocol()
    if exercise_id is None:
        if as_json:
            emit_json([e.model_dump(mode="json") for e in protocol.exercises])
            return

        show(exercise_table(protocol.exercises))
        return
    exercise = find_exercise(protocol, exercise_id)
    if as_json:
        emit_json(exercise.model_dump(mode="json") | {"why": protocol.why(exercise.rule)})
        return

    show(exercise_card(exercise, protocol))


def education_items(protocol: Protocol) -> list[dict[str, str]]:
    items = [{"id": e.id, "title": e.title, "text": e.text} for e in protocol.education]
    for rule_id in LEARN_RULES:
        rule = protocol.rules[rule_id]
        items.append({"id": rule_id, "title": rule.title, "text": rule.detail or rule.why})
    items += [{"id": t.id, "title": t.title, "text": t.text} for t in protocol.timeline]
    return items


def rule_item(protocol: Protocol, rule_id: str) -> dict[str, str] | None:
    """Any rule of the protocol by its ID: its one-line why, then its longer text if any."""
    rule = protocol.rules.get(rule_id)
    if rule is None:
        return None
    text = f"{rule.why}\n\n{rule.detail}" if rule.detail else rule.why
    return {"id": rule_id, "title": rule.title, "text": text}


def learn(
    topic: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="A topic or rule ID, e.g. ED-1, SX-4 or RTR-4."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Why the plan works: the education texts (ED-1..6, SX-4, TL-1..2, P1-7), or any rule's
    full text by its ID (the "why?" of every task, limit and alert)."""
    protocol = load_protocol()
    items = education_items(protocol)
    if topic is not None:
        wanted = topic.strip().upper()
        items = [item for item in items if item["id"] == wanted]
        if not items:
            rule = rule_item(protocol, wanted)
            if rule is None:
                raise CommandFailed(f"unknown topic {topic!r} (see `gerdy learn` for the list)")
            items = [rule]
    if as_json:
        emit_json(items[0] if topic is not None else items)
        return

    if topic is None:
        show(learn_table(items))
        return
    show(learn_card(items[0]))


def register(app: typer.Typer) -> None:
    app.command("exercises")(exercises)
    app.command("learn")(learn)

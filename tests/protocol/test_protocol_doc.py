"""docs/protocol.md, the protocol as a physiotherapist reads it, is generated from the protocol
data (gerdy.protocol.markdown, scripts/protocol_doc.py): every rule under its phase with its
ID, why and numbers; the committed page is the one the data gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gerdy.protocol import Protocol, load_protocol
from gerdy.protocol.markdown import UNGROUPED, protocol_markdown
from gerdy.protocol.schema import Protect, parameter

from .test_protocol_data import SPEC_RULE_IDS

PAGE = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


@pytest.fixture(scope="module")
def page() -> str:
    return protocol_markdown(load_protocol())


def section(page: str, rule: str) -> str:
    """The text of one rule's section, up to the next heading of its level or above."""
    found = re.search(rf"^### {re.escape(rule)}: .*?(?=^##[# ] |\Z)", page, re.M | re.S)
    assert found, f"no section for {rule}"
    return found.group(0)


def test_the_committed_page_is_what_the_data_gives(page: str) -> None:
    assert PAGE.read_text("utf-8") == page, "run `uv run python scripts/protocol_doc.py`"


def test_every_rule_of_the_data_and_the_spec_has_its_section_under_its_phase(page: str) -> None:
    protocol = load_protocol()
    headings = re.findall(r"^### ([A-Z0-9]+-\d+): ", page, re.M)
    assert headings == list(protocol.rules)
    assert set(SPEC_RULE_IDS) <= set(headings)
    phases = re.findall(r"^## (.+)$", page, re.M)
    assert phases[: len(protocol.phases)] == [phase.title for phase in protocol.phases]
    for rule, entry in protocol.rules.items():
        assert entry.why in section(page, rule)
    assert page.index("### ST-7:") < page.index("### PR-1:") < page.index("## Phase 4")


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("P1-2", "- Minimum break: 7 days"),
        ("P1-2", "- Reduced cap: 40%"),
        ("P1-2", "- First mile: 1.6 km"),
        ("P1-5", "- Heat free: 3 days"),
        ("P1-3", "- Condition: saddle high"),
        ("ST-1", "- Dose: 3 \u00d7 15\u201320 reps per side"),
        ("ST-7", "Rolling your pelvis backward"),
        ("PR-4", "    - Box 50 cm (20 in) high"),
        ("FR-1", "- Dose: 1 \u00d7 60\u201390 seconds per side 1\u20132 times a day"),
        ("RTR-0", "- Pain free days allowed: 5, 7"),
        ("RTR-1", "- Minutes: 10\u201315 min"),
        ("RTR-4", "- Weekly growth: 10%"),
        ("RTR-6", "    - Clamshell, sets 1"),
        ("RED-8", "- From day: 43"),
        ("RED-2", "- Question: Does your knee feel unstable, as if it might give way?"),
        ("RF-1", "- Valid: 120\u2013230 steps/min"),
    ],
)
def test_each_number_and_text_is_said_in_plain_words_under_its_rule(
    page: str, rule: str, said: str
) -> None:
    assert said in section(page, rule)


def test_a_new_field_of_the_data_shows_up_under_its_rule_without_a_change_here() -> None:
    class Wider(Protect):
        cold_bath_minutes: int = parameter("P1-4", ge=1)

    protocol = load_protocol()
    wider = Wider(**protocol.protect.model_dump(), cold_bath_minutes=12)
    changed = Protocol.model_construct(**{**dict(protocol), "protect": wider})
    assert "- Cold bath: 12 min" in section(protocol_markdown(changed), "P1-4")


def test_values_of_no_rule_are_listed_last_not_left_out(page: str) -> None:
    last = page[page.index(f"## {UNGROUPED}") :]
    assert load_protocol().checkin.pain_daily in last

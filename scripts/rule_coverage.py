"""List the protocol's rule IDs that no test names.

    uv run python scripts/rule_coverage.py [TESTS_DIR]     (default: tests/)

The rule IDs are those of the protocol data (src/gerdy/protocol/itbs.yaml, every ID of the
spec). A test names a rule when its name or body holds the ID (ST-1, st_1 and ST_1 all count).
Exit 0 when every rule is named, 1 otherwise; `.ci/run` runs it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from gerdy.protocol import load_protocol

ROOT = Path(__file__).resolve().parent.parent


def rule_key(rule: str) -> tuple[str, int]:
    prefix, number = rule.rsplit("-", 1)
    return prefix, int(number)


def unnamed_rules(rules: list[str], tests: Path) -> list[str]:
    text = "\n".join(path.read_text("utf-8", errors="ignore") for path in tests.rglob("*.py"))
    named = text.replace("_", "-").upper()
    return [rule for rule in rules if not re.search(rf"\b{re.escape(rule)}\b", named)]


def main(argv: list[str]) -> int:
    tests = Path(argv[0]) if argv else ROOT / "tests"
    rules = sorted(load_protocol().rules, key=rule_key)
    missing = unnamed_rules(rules, tests)
    print(f"{len(rules) - len(missing)}/{len(rules)} rule IDs named in {tests.name}/")
    if missing:
        print("not named by any test: " + ", ".join(missing))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

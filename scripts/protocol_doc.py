"""Write docs/protocol.md, the protocol for a physiotherapist to read, from the protocol data
(src/gerdy/protocol/itbs.yaml; see gerdy.protocol.markdown).

    uv run python scripts/protocol_doc.py           write docs/protocol.md
    uv run python scripts/protocol_doc.py --check   exit 1 if it is not what the data gives

`.ci/run` runs the check: whoever changes the protocol data regenerates the page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gerdy.protocol import load_protocol
from gerdy.protocol.markdown import protocol_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the page is stale")
    args = parser.parse_args(argv)
    wanted = protocol_markdown(load_protocol())
    if args.check:
        current = TARGET.read_text("utf-8") if TARGET.exists() else ""
        if current != wanted:
            print(f"{TARGET.name} is stale: run `uv run python scripts/protocol_doc.py`")
            return 1
        print(f"{TARGET.name} is current")
        return 0
    TARGET.write_text(wanted, "utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

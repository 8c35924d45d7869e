#!/usr/bin/env python3
"""Copy the browser code gerdy serves from node_modules into the package's static folder.

    npm ci && python3 scripts/vendor_assets.py          (or: npm run vendor)
    python3 scripts/vendor_assets.py --check             (exit 1 if the copies are stale)

Each file is copied with its version in the name (`htmx-2.0.11.min.js`), next to its
licence, into src/gerdy/web/static/vendor/; older versions of the same file are removed.
The copies are committed, so running the app needs no node. axe-core is not copied: it is
only for the end-to-end tests, which load it from node_modules. Swagger UI (for /api/docs
only) goes into vendor/swagger-ui/, which the pages do not load.

The pages load static/vendor/*.js then static/js/*.js (sorted by name; see
gerdy.web.templating.page_scripts), so every .js file copied here runs on every page.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "gerdy" / "web" / "static" / "vendor"

# package -> [(file inside the package, name in vendor/ with {version})]
ASSETS: dict[str, list[tuple[str, str]]] = {
    "htmx.org": [
        ("dist/htmx.min.js", "htmx-{version}.min.js"),
        ("LICENSE", "htmx-{version}.LICENSE.txt"),
    ],
    "uplot": [
        ("dist/uPlot.iife.min.js", "uplot-{version}.min.js"),
        ("dist/uPlot.min.css", "uplot-{version}.min.css"),
        ("LICENSE", "uplot-{version}.LICENSE.txt"),
    ],
    # Only for /api/docs, so in a folder of its own (not loaded by every page).
    "swagger-ui-dist": [
        ("swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle-{version}.js"),
        ("swagger-ui.css", "swagger-ui/swagger-ui-{version}.css"),
        ("LICENSE", "swagger-ui/swagger-ui-{version}.LICENSE.txt"),
        ("NOTICE", "swagger-ui/swagger-ui-{version}.NOTICE.txt"),
    ],
}


def package_version(package: str) -> str:
    manifest = json.loads((NODE_MODULES / package / "package.json").read_text())
    return str(manifest["version"])


def planned() -> dict[Path, Path]:
    """Target path in vendor/ -> source path in node_modules/."""
    plan: dict[Path, Path] = {}
    for package, files in ASSETS.items():
        version = package_version(package)
        for source, target in files:
            plan[VENDOR / target.format(version=version)] = NODE_MODULES / package / source
    return plan


def stale_files(plan: dict[Path, Path]) -> list[Path]:
    """Files in vendor/ that belong to a vendored package but not to this version."""
    prefixes = {target.split("{version}")[0] for files in ASSETS.values() for _, target in files}
    return [
        path
        for path in sorted(VENDOR.rglob("*"))
        if path.is_file()
        and path not in plan
        and any(path.relative_to(VENDOR).as_posix().startswith(prefix) for prefix in prefixes)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale copies")
    args = parser.parse_args(argv)
    if not NODE_MODULES.is_dir():
        print("node_modules is missing: run `npm ci` first", file=sys.stderr)
        return 2
    plan = planned()
    problems = []
    for target, source in plan.items():
        if not target.exists() or target.read_bytes() != source.read_bytes():
            problems.append(f"out of date: {target.relative_to(ROOT)}")
    problems += [f"left over: {path.relative_to(ROOT)}" for path in stale_files(plan)]
    if args.check:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    VENDOR.mkdir(parents=True, exist_ok=True)
    for path in stale_files(plan):
        path.unlink()
        print(f"removed {path.relative_to(ROOT)}")
    for target, source in plan.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        print(f"{source.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Draw gerdy's app icon: a running leg, bent at the knee, with the sore spot on the outside of
the knee marked in the figures' target colour, on the app's accent green.

    uv run python scripts/draw_icons.py            (writes the icons)
    uv run python scripts/draw_icons.py --check    (exit 1 if a committed icon is stale)

The mark is defined once below as a few shapes in a 512-unit square and written twice: as
SVG (src/gerdy/web/static/icons/icon.svg, the browser tab's icon) and as PNG rasters drawn
with Pillow (anti-aliased by drawing at four times the size, then scaling down) for the web
app manifest: 192 and 512 px with rounded corners ("any"), and a full-bleed 512 px for
launchers that cut their own shape ("maskable": everything that matters lies inside the
central circle of 80% of the width, the safe zone). `--check` compares pixels, not bytes, so
a different zlib in another Pillow build does not count as stale.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "src" / "gerdy" / "web" / "static" / "icons"
UNITS = 512  # the drawing's square, in units
SUPERSAMPLE = 4

ACCENT = "#0b6e4f"  # --accent in static/css/app.css (light)
LEG = "#ffffff"
TARGET = "#ff8a50"  # --gerdy-figure-target in the dark scheme: the spot the figures point at
CORNER = 104  # the rounded square's corner radius ("any" icons)
# The leg, side on, mid-stride: hip, knee (bent about 30 degrees, where ITBS hurts), ankle, toe.
LEG_POINTS: tuple[tuple[int, int], ...] = ((206, 112), (312, 262), (238, 398), (330, 408))
LEG_WIDTH = 58
KNEE = (312, 262)
TARGET_RADIUS = 34
TARGET_RING = 12  # the accent ring that separates the spot from the white leg


@dataclass(frozen=True)
class Icon:
    name: str
    size: int
    rounded: bool


PNG_ICONS = (
    Icon("icon-192.png", 192, rounded=True),
    Icon("icon-512.png", 512, rounded=True),
    Icon("icon-maskable-512.png", 512, rounded=False),
)


def svg() -> str:
    points = " ".join(f"{x},{y}" for x, y in LEG_POINTS)
    x, y = KNEE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {UNITS} {UNITS}">\n'
        f'<rect width="{UNITS}" height="{UNITS}" rx="{CORNER}" fill="{ACCENT}"/>\n'
        f'<polyline points="{points}" fill="none" stroke="{LEG}" stroke-width="{LEG_WIDTH}" '
        'stroke-linecap="round" stroke-linejoin="round"/>\n'
        f'<circle cx="{x}" cy="{y}" r="{TARGET_RADIUS + TARGET_RING}" fill="{ACCENT}"/>\n'
        f'<circle cx="{x}" cy="{y}" r="{TARGET_RADIUS}" fill="{TARGET}"/>\n'
        "</svg>\n"
    )


def raster(icon: Icon) -> Image.Image:
    """The icon at its size: drawn at SUPERSAMPLE times the size, then scaled down."""
    big = icon.size * SUPERSAMPLE
    scale = big / UNITS
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if icon.rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * scale, fill=ACCENT)
    else:
        draw.rectangle((0, 0, big - 1, big - 1), fill=ACCENT)
    points = [(x * scale, y * scale) for x, y in LEG_POINTS]
    width = round(LEG_WIDTH * scale)
    draw.line(points, fill=LEG, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round caps
        radius = width / 2
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=LEG)
    kx, ky = KNEE[0] * scale, KNEE[1] * scale
    for radius, colour in (((TARGET_RADIUS + TARGET_RING) * scale, ACCENT),
                           (TARGET_RADIUS * scale, TARGET)):  # fmt: skip
        draw.ellipse((kx - radius, ky - radius, kx + radius, ky + radius), fill=colour)
    return image.resize((icon.size, icon.size), Image.Resampling.LANCZOS)


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def same_pixels(path: Path, image: Image.Image) -> bool:
    if not path.exists():
        return False
    with Image.open(path) as found:
        return found.size == image.size and found.convert("RGBA").tobytes() == image.tobytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale icons")
    args = parser.parse_args(argv)
    stale = []
    svg_path = ICONS / "icon.svg"
    if not svg_path.exists() or svg_path.read_text() != svg():
        stale.append(svg_path)
    images = {ICONS / icon.name: raster(icon) for icon in PNG_ICONS}
    stale += [path for path, image in images.items() if not same_pixels(path, image)]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    ICONS.mkdir(parents=True, exist_ok=True)
    svg_path.write_text(svg())
    for path, image in images.items():
        path.write_bytes(png_bytes(image))
    for path in [svg_path, *images]:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Exercise illustrations: one accessible SVG figure per protocol exercise.

Each `<id>.svg` is package data: a stick figure drawn in `currentColor` (so it follows the page's
light or dark theme) with the target muscle area highlighted, `role="img"` with a `<title>` and
a `<desc>` in plain words, a `viewBox` (it scales to any width) and no external references.
Moving exercises are animated (SMIL) only under `prefers-reduced-motion: no-preference`; with
reduced motion the figure shows the end pose, the start pose faint and an arrow.

Colours can be themed from the page with CSS custom properties: `--gerdy-figure-target`
(muscle highlight), `--gerdy-figure-band` (resistance band), `--gerdy-figure-roller`.

The files are drawn by `scripts/draw_figures.py` in the source tree (run it to redraw them; a
test checks they are current). The drawing code is not installed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files

FIGURE_IDS: tuple[str, ...] = (
    "clamshell",
    "side_lying_abduction",
    "glute_bridge",
    "single_leg_bridge",
    "lateral_band_walk",
    "single_leg_box_squat",
    "tfl_roll",
    "lateral_quad_roll",
    "glute_roll",
    "pigeon",
    "hip_flexor_stretch",
    "figure_four",
)
ANIMATED_IDS: frozenset[str] = frozenset(FIGURE_IDS[:6])


@cache
def figure_svg(exercise_id: str) -> str:
    """The SVG document (text) of an exercise's figure; KeyError for an unknown id."""
    if exercise_id not in FIGURE_IDS:
        raise KeyError(exercise_id)
    return files(__name__).joinpath(f"{exercise_id}.svg").read_text(encoding="utf-8")


@cache
def style_csp_source() -> str:
    """The CSP source (`'sha256-...'`) allowing the figures' `<style>` element when they are
    inlined in a page whose `style-src` has no 'unsafe-inline'. Every figure has the same
    style element, so this one hash covers all of them."""
    match = re.search(r"<style>(.*?)</style>", figure_svg(FIGURE_IDS[0]), re.DOTALL)
    if match is None:  # pragma: no cover - every figure has one (tested)
        raise LookupError("figure without a style element")
    digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


__all__ = ["ANIMATED_IDS", "FIGURE_IDS", "figure_svg", "style_csp_source"]

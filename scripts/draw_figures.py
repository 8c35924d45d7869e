#!/usr/bin/env python3
"""Draws the exercise figures into src/gerdy/figures/ (the package's SVG files).

    uv run python scripts/draw_figures.py                 rewrite the package's SVG files
    uv run python scripts/draw_figures.py --out DIR       write them to DIR instead
    uv run python scripts/draw_figures.py --check         exit 1 if the package's files are stale
    uv run python scripts/draw_figures.py --frames DIR clamshell ...
                                                          every keyframe of these figures, for a
                                                          look at the poses while drawing

The SVG files in src/gerdy/figures/ are the shipped artefacts (read by `figure_svg`); this script
is how they are made, so a pose is changed here and the files redrawn (a test draws them into a
temporary folder and compares). It runs at development time only and is not installed.

Every figure is a stick figure in a 320 x 200 view box, floor line at y = 180:

- limbs are round-capped strokes in `currentColor`, so the figure follows the page's text colour
  (dark or light theme); limbs on the far side of the body are drawn fainter;
- the target muscle area is a wide, semi-transparent halo in `--gerdy-figure-target`
  (default #e8590c, at least 3:1 against white and near-black);
- props: a foam roller, a resistance band (`--gerdy-figure-band`, default #1098ad), a box.

Moving exercises carry SMIL animations of the limb paths between computed poses. They sit in a
`gf-motion` group that is shown only under `prefers-reduced-motion: no-preference`; otherwise
(and in renderers without media queries) the `gf-still` group shows the end pose solid, the
start pose faint and an arrow for the movement. Class names are shared by all figures with
identical rules, and ids carry the exercise id, so several figures can be inlined in one page.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

Point = tuple[float, float]
Pose = dict[str, Point]

FLOOR = 180.0
TORSO = 54.0
THIGH = 44.0
SHIN = 42.0
UPPER_ARM = 29.0
FOREARM = 27.0
HEAD_R = 11.0
ASPECT = 1.6  # every view box is 16:10
NECK = 20.0  # shoulder to the head's centre

TARGET = "#e8590c"
BAND = "#1098ad"
ROLLER = "#4dabf7"

STYLE = """
.gf-limb{fill:none;stroke:currentColor;stroke-width:7;stroke-linecap:round;stroke-linejoin:round}
.gf-far{opacity:.45}
.gf-head{fill:currentColor}
.gf-floor{stroke:currentColor;stroke-width:2;opacity:.4}
.gf-target{fill:none;stroke-width:17;stroke-linecap:round;opacity:.7;stroke:var(--gerdy-figure-target,#e8590c)}
.gf-band{fill:none;stroke-width:4.5;stroke-linecap:round;stroke:var(--gerdy-figure-band,#1098ad)}
.gf-roller{stroke:currentColor;stroke-width:2.5;fill-opacity:.45;fill:var(--gerdy-figure-roller,#4dabf7)}
.gf-box{stroke:currentColor;stroke-width:2.5;fill:currentColor;fill-opacity:.1;stroke-linejoin:round}
.gf-arrow{fill:none;stroke:currentColor;stroke-width:2.5;stroke-linecap:round;stroke-linejoin:round;opacity:.7}
.gf-ghost{opacity:.22}
.gf-motion{display:none}
@media (prefers-reduced-motion:no-preference){.gf-motion{display:inline}.gf-still{display:none}}
""".strip()


# --- geometry -----------------------------------------------------------------------------------
def at(origin: Point, degrees: float, length: float) -> Point:
    """The point `length` away from `origin` at `degrees` (0 = right, 90 = up on screen)."""
    radians = math.radians(degrees)
    return (origin[0] + length * math.cos(radians), origin[1] - length * math.sin(radians))


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def joint(a: Point, ra: float, b: Point, rb: float, *, upper: bool = True) -> Point:
    """Where a limb of length `ra` from `a` meets one of length `rb` from `b` (a knee between a
    hip and an ankle); `upper` picks the solution higher on screen."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = min(math.hypot(dx, dy), ra + rb - 1e-6)
    x = (d * d + ra * ra - rb * rb) / (2 * d)
    h = math.sqrt(max(ra * ra - x * x, 0.0))
    ux, uy = dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)
    mx, my = a[0] + ux * x, a[1] + uy * x
    first = (mx + uy * h, my - ux * h)
    second = (mx - uy * h, my + ux * h)
    return (
        min(first, second, key=lambda p: p[1]) if upper else max(first, second, key=lambda p: p[1])
    )


def angle(a: Point, b: Point) -> float:
    """Screen angle (degrees, 90 = up) of the direction from a to b."""
    return math.degrees(math.atan2(a[1] - b[1], b[0] - a[0]))


def num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def path_d(points: Sequence[Point]) -> str:
    head, *rest = points
    return f"M{num(head[0])} {num(head[1])}" + "".join(f"L{num(x)} {num(y)}" for x, y in rest)


# --- a figure -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Stroke:
    """A polyline through named pose points, drawn with a class (gf-limb, gf-target...)."""

    names: tuple[str, ...]
    css: str = "gf-limb"


@dataclass(frozen=True)
class Arrow:
    start: Point
    control: Point
    end: Point
    both: bool = False


@dataclass
class Figure:
    id: str
    desc: str
    strokes: list[Stroke]
    head: str
    poses: list[Pose]  # keyframes: one pose = a still figure
    key_times: list[float] = field(default_factory=list)
    seconds: float = 0.0
    props: list[str] = field(default_factory=list)  # static SVG, drawn behind the figure
    front: list[str] = field(default_factory=list)  # static SVG, drawn in front of the figure
    arrows: list[Arrow] = field(default_factory=list)
    still: int = -1  # which keyframe the still picture shows solid
    ghost: int = 0  # and which one faint
    ghost_strokes: tuple[int, ...] | None = None  # faint strokes (None: all, with the head)
    extent: list[Point] = field(default_factory=list)  # prop corners, for the view box

    @property
    def animated(self) -> bool:
        return len(self.poses) > 1


def paint(css: str) -> str:
    """Plain colour attributes under the themable CSS (for renderers without var())."""
    if "gf-target" in css:
        return f' stroke="{TARGET}"'
    if "gf-band" in css:
        return f' stroke="{BAND}"'
    return ""


def draw_pose(
    figure: Figure, pose: Pose, indent: str, only: Sequence[int] | None = None
) -> list[str]:
    lines = []
    for index, stroke in enumerate(figure.strokes):
        if only is not None and index not in only:
            continue
        d = path_d([pose[n] for n in stroke.names])
        lines.append(f'{indent}<path class="{stroke.css}"{paint(stroke.css)} d="{d}"/>')
    if only is None or figure.ghost_strokes is None:
        x, y = pose[figure.head]
        lines.append(
            f'{indent}<circle class="gf-head" cx="{num(x)}" cy="{num(y)}" r="{num(HEAD_R)}"/>'
        )
    return lines


def animate(attribute: str, values: Sequence[str], figure: Figure) -> str:
    times = figure.key_times or [i / (len(values) - 1) for i in range(len(values))]
    splines = ";".join(["0.45 0 0.55 1"] * (len(values) - 1))
    return (
        f'<animate attributeName="{attribute}" dur="{num(figure.seconds)}s" '
        f'repeatCount="indefinite" calcMode="spline" keySplines="{splines}" '
        f'keyTimes="{";".join(num_t(t) for t in times)}" values="{";".join(values)}"/>'
    )


def num_t(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value not in (0, 1) else str(int(value))


def draw_motion(figure: Figure, indent: str) -> list[str]:
    lines = []
    for stroke in figure.strokes:
        ds = [path_d([pose[n] for n in stroke.names]) for pose in figure.poses]
        lines.append(f'{indent}<path class="{stroke.css}"{paint(stroke.css)} d="{ds[0]}">')
        lines.append(f"{indent}  {animate('d', ds, figure)}")
        lines.append(f"{indent}</path>")
    xs = [num(pose[figure.head][0]) for pose in figure.poses]
    ys = [num(pose[figure.head][1]) for pose in figure.poses]
    lines.append(f'{indent}<circle class="gf-head" cx="{xs[0]}" cy="{ys[0]}" r="{num(HEAD_R)}">')
    if len(set(xs)) > 1:
        lines.append(f"{indent}  {animate('cx', xs, figure)}")
    if len(set(ys)) > 1:
        lines.append(f"{indent}  {animate('cy', ys, figure)}")
    lines.append(f"{indent}</circle>")
    return lines


def arrowhead(tip: Point, towards: float) -> str:
    left = at(tip, towards + 180 - 28, 9)
    right = at(tip, towards + 180 + 28, 9)
    return path_d([left, tip, right])


def draw_arrow(arrow: Arrow) -> str:
    s, c, e = arrow.start, arrow.control, arrow.end
    d = f"M{num(s[0])} {num(s[1])}Q{num(c[0])} {num(c[1])} {num(e[0])} {num(e[1])}"
    d += arrowhead(e, angle(c, e))
    if arrow.both:
        d += arrowhead(s, angle(c, s))
    return f'<path class="gf-arrow" d="{d}"/>'


def view_box(figure: Figure) -> tuple[float, float, float, float]:
    """The figure's frame: everything drawn plus a margin, 16:10, the floor near the bottom."""
    points = [p for pose in figure.poses for p in pose.values()]
    points += figure.extent
    points += [p for a in figure.arrows for p in (a.start, a.end, a.control)]
    heads = [pose[figure.head] for pose in figure.poses]
    left = min([x for x, _ in points] + [x - HEAD_R for x, _ in heads]) - 14
    right = max([x for x, _ in points] + [x + HEAD_R for x, _ in heads]) + 14
    top = min([y for _, y in points] + [y - HEAD_R for _, y in heads]) - 14
    bottom = max(FLOOR + 10, max(y for _, y in points) + 10)
    height = max(bottom - top, (right - left) / ASPECT, 96)
    width = height * ASPECT
    x = (left + right - width) / 2
    return (round(x), round(bottom - height), round(width), round(height))


def render(figure: Figure, title: str) -> str:
    fid = figure.id.replace("_", "-")
    x, y, w, h = view_box(figure)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {h}" role="img" '
        f'class="gerdy-figure gerdy-figure-{fid}" '
        f'aria-labelledby="gf-{fid}-title gf-{fid}-desc">',
        f'  <title id="gf-{fid}-title">{escape(title)}</title>',
        f'  <desc id="gf-{fid}-desc">{escape(figure.desc)}</desc>',
        f"  <style>\n{STYLE}\n  </style>",
        f'  <line class="gf-floor" x1="{x}" y1="{num(FLOOR)}" x2="{x + w}" y2="{num(FLOOR)}"/>',
    ]
    out += [f"  {prop}" for prop in figure.props]
    if figure.animated:
        out.append('  <g class="gf-still">')
        out.append('    <g class="gf-ghost">')
        faint = figure.ghost_strokes
        if faint is None:  # the start pose's limbs, without its highlight
            faint = tuple(i for i, st in enumerate(figure.strokes) if "gf-target" not in st.css)
        out += draw_pose(figure, figure.poses[figure.ghost], "      ", faint)
        out.append("    </g>")
        out += draw_pose(figure, figure.poses[figure.still], "    ")
        out += [f"    {draw_arrow(a)}" for a in figure.arrows]
        out.append("  </g>")
        out.append('  <g class="gf-motion">')
        out += draw_motion(figure, "    ")
        out.append("  </g>")
    else:
        out += draw_pose(figure, figure.poses[0], "  ")
        out += [f"  {draw_arrow(a)}" for a in figure.arrows]
    out += [f"  {item}" for item in figure.front]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def steps(make: Callable[[float], Pose], count: int) -> list[Pose]:
    """`count` + 1 poses from make(0) to make(1), for smooth closed-chain movement."""
    return [make(i / count) for i in range(count + 1)]


def there_and_back(
    make: Callable[[float], Pose], *, count: int, up: float, hold: float, down: float, rest: float
) -> tuple[list[Pose], list[float]]:
    """Keyframes for a rep: rise over `up` s, hold `hold` s, lower over `down` s, rest `rest` s.
    Returns the poses and their key times (0..1)."""
    total = up + hold + down + rest
    rising = steps(make, count)
    poses = [*rising, rising[-1], *reversed(rising[:-1]), rising[0]]
    times = [up * i / count for i in range(count + 1)]
    times.append(up + hold)
    times += [up + hold + down * i / count for i in range(1, count + 1)]
    times.append(total)
    return poses, [t / total for t in times]


# --- people ---------------------------------------------------------------------------------------
def side_lying(shoulder_x: float = 92.0) -> Pose:
    """Lying on the left side, head on the bottom arm, seen from the front: the shared upper body
    of the clamshell and the side-lying leg raise."""
    y = FLOOR - 12
    s = (shoulder_x, y)
    h = (shoulder_x + TORSO, y)
    return {
        "shoulder": s,
        "hip": h,
        "head": (shoulder_x - 20, FLOOR - 4 - 3.5 - HEAD_R),
        "b_elbow": (shoulder_x - UPPER_ARM, FLOOR - 4),
        "b_hand": (shoulder_x - UPPER_ARM - FOREARM, FLOOR - 4),
        "t_elbow": (shoulder_x + 24, y - 18),
        "t_hand": (h[0] - 8, y - 6),
    }


SIDE_LYING_STROKES = [
    Stroke(("b_hand", "b_elbow", "shoulder"), "gf-limb gf-far"),
    Stroke(("shoulder", "hip")),
    Stroke(("shoulder", "t_elbow", "t_hand")),
]


def clamshell() -> Figure:
    base = side_lying()
    hip = base["hip"]
    feet = (hip[0] + 84, FLOOR - 9)

    def pose(t: float) -> Pose:
        lift = 62 * t  # degrees the top knee turns up about the hip-feet line
        knee_rest = (hip[0] + 44, FLOOR - 6)
        # the knee turns about the hip-feet line: forward (down on screen) when closed, up open
        reach = 30.0
        x = knee_rest[0] - 4 * t
        y = hip[1] + 8 * math.cos(math.radians(lift)) - reach * math.sin(math.radians(lift)) - 6
        return {
            **base,
            "b_knee": knee_rest,
            "b_ankle": feet,
            "b_toe": (feet[0] + 9, feet[1] + 3),
            "t_knee": (x, y),
            "t_ankle": (feet[0] + 1, feet[1] - 7),
            "t_toe": (feet[0] + 10, feet[1] - 5),
            "glute_a": (hip[0] - 6, hip[1] - 9),
            "glute_b": (hip[0] + 6, hip[1] - 9),
        }

    poses, times = there_and_back(pose, count=4, up=1.0, hold=2.0, down=1.5, rest=0.5)
    return Figure(
        id="clamshell",
        desc=(
            "A person lies on their left side with the head resting on the bottom arm, hips "
            "and knees bent and the feet together. Keeping the feet touching, the top knee "
            "opens toward the ceiling like a shell, holds for 2 seconds and lowers slowly. The "
            "side of the top hip is highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("hip", "b_knee", "b_ankle", "b_toe"), "gf-limb gf-far"),
            *SIDE_LYING_STROKES,
            Stroke(("hip", "t_knee", "t_ankle", "t_toe")),
        ],
        head="head",
        poses=poses,
        key_times=times,
        seconds=5.0,
        still=4,
        arrows=[
            Arrow((hip[0] + 62, FLOOR - 24), (hip[0] + 64, FLOOR - 42), (hip[0] + 52, FLOOR - 56))
        ],
    )


def side_lying_abduction() -> Figure:
    base = side_lying()
    hip = base["hip"]

    def pose(t: float) -> Pose:
        lift = 40 * t
        knee = at(hip, 2 + lift, THIGH)
        ankle = at(knee, 2 + lift, SHIN)
        return {
            **base,
            "b_knee": (hip[0] + 34, FLOOR - 4),
            "b_ankle": (hip[0] + 8, FLOOR - 4),
            "t_knee": knee,
            "t_ankle": ankle,
            "t_toe": at(ankle, 2 + lift + 75, 10),
            "glute_a": (hip[0] - 6, hip[1] - 9),
            "glute_b": (hip[0] + 6, hip[1] - 9),
        }

    poses, times = there_and_back(pose, count=2, up=1.0, hold=2.0, down=3.5, rest=0.5)
    return Figure(
        id="side_lying_abduction",
        desc=(
            "A person lies on their left side, head on the bottom arm, bottom knee bent for "
            "balance and the top leg straight in line with the body. The straight top leg lifts "
            "to about 45 degrees with the toes pointing forward, holds for 2 seconds and lowers "
            "slowly over 3 to 4 seconds. The side of the top hip is highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("hip", "b_knee", "b_ankle"), "gf-limb gf-far"),
            *SIDE_LYING_STROKES,
            Stroke(("hip", "t_knee", "t_ankle", "t_toe")),
        ],
        head="head",
        poses=poses,
        key_times=times,
        seconds=7.0,
        still=2,
        arrows=[
            Arrow((hip[0] + 96, FLOOR - 26), (hip[0] + 100, FLOOR - 50), (hip[0] + 84, FLOOR - 70))
        ],
    )


def supine(shoulder: Point, hip: Point, ankle: Point) -> Pose:
    """On the back, head left, knee bent between hip and a planted ankle."""
    knee = joint(hip, THIGH, ankle, SHIN)
    return {
        "shoulder": shoulder,
        "hip": hip,
        "knee": knee,
        "ankle": ankle,
        "toe": (ankle[0] + 12, FLOOR - 2),
        "head": (shoulder[0] - NECK, FLOOR - HEAD_R - 1),
        "elbow": (shoulder[0] + UPPER_ARM, FLOOR - 3),
        "hand": (shoulder[0] + UPPER_ARM + FOREARM, FLOOR - 3),
    }


def bridge_pose(t: float, top_degrees: float) -> Pose:
    shoulder = (86.0, FLOOR - 8)
    ankle = (shoulder[0] + TORSO + 62, FLOOR - 5)
    hip = at(shoulder, top_degrees * t, TORSO)
    pose = supine(shoulder, hip, ankle)
    pose["glute_a"] = lerp(hip, pose["knee"], 0.05)
    pose["glute_b"] = lerp(hip, pose["knee"], 0.5)
    return pose


def glute_bridge() -> Figure:
    # at the top, shoulders-hips-knees make one straight line
    shoulder = (86.0, FLOOR - 8)
    ankle = (shoulder[0] + TORSO + 62, FLOOR - 5)
    top_knee = joint(shoulder, TORSO + THIGH, ankle, SHIN)
    top = angle(shoulder, top_knee)
    poses, times = there_and_back(
        lambda t: bridge_pose(t, top), count=4, up=1.2, hold=2.0, down=3.5, rest=0.5
    )
    return Figure(
        id="glute_bridge",
        desc=(
            "A person lies on their back with knees bent and feet flat on the floor. Pushing "
            "through the heels, the hips rise until shoulders, hips and knees make a straight "
            "line, hold for 2 seconds and lower slowly over 3 to 4 seconds. The buttocks and "
            "the back of the thighs are highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("shoulder", "elbow", "hand"), "gf-limb gf-far"),
            Stroke(("shoulder", "hip", "knee", "ankle", "toe")),
        ],
        head="head",
        poses=poses,
        key_times=times,
        seconds=7.2,
        still=4,
        arrows=[Arrow((128, FLOOR - 14), (120, FLOOR - 34), (132, FLOOR - 52))],
    )


def single_leg_bridge() -> Figure:
    shoulder = (86.0, FLOOR - 8)
    ankle = (shoulder[0] + TORSO + 62, FLOOR - 5)
    top_knee = joint(shoulder, TORSO + THIGH, ankle, SHIN)
    top = angle(shoulder, top_knee)

    def pose(t: float) -> Pose:
        p = bridge_pose(t, top)
        direction = angle(p["hip"], p["knee"])
        p["l_knee"] = at(p["hip"], direction, THIGH)
        p["l_ankle"] = at(p["l_knee"], direction, SHIN)
        p["l_toe"] = at(p["l_ankle"], direction + 80, 11)
        return p

    poses, times = there_and_back(pose, count=4, up=1.2, hold=2.0, down=3.0, rest=0.5)
    return Figure(
        id="single_leg_bridge",
        desc=(
            "A person lies on their back with one knee bent and that foot flat on the floor, "
            "the other leg held straight in line with the bent leg's thigh. Pressing through "
            "the heel on the floor, the hips rise level, hold for 2 seconds and lower slowly. "
            "The buttock and the back of the thigh of the working leg are highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("shoulder", "elbow", "hand"), "gf-limb gf-far"),
            Stroke(("shoulder", "hip", "knee", "ankle", "toe")),
            Stroke(("hip", "l_knee", "l_ankle", "l_toe"), "gf-limb gf-far"),
        ],
        head="head",
        poses=poses,
        key_times=times,
        seconds=6.7,
        still=4,
        arrows=[Arrow((128, FLOOR - 14), (120, FLOOR - 34), (132, FLOOR - 52))],
    )


def band_walk_pose(center: float, left_foot: float, right_foot: float) -> Pose:
    """Front view, half squat: `center` is the pelvis's x, the feet's x are given."""
    hip_y = 104.0
    lh, rh = (center - 11, hip_y), (center + 11, hip_y)
    la, ra = (left_foot, FLOOR - 6), (right_foot, FLOOR - 6)
    lk = lerp(lh, la, 0.5)
    rk = lerp(rh, ra, 0.5)
    lk = (lk[0] - 3, lk[1] - 6)
    rk = (rk[0] + 3, rk[1] - 6)
    shoulder_y = hip_y - TORSO + 6
    ls, rs = (center - 17, shoulder_y), (center + 17, shoulder_y)
    return {
        "l_hip": lh, "r_hip": rh, "l_knee": lk, "r_knee": rk, "l_ankle": la, "r_ankle": ra,
        "l_toe": (la[0] - 9, la[1] + 2), "r_toe": (ra[0] + 9, ra[1] + 2),
        "neck": (center, shoulder_y - 2), "pelvis": (center, hip_y - 2),
        "l_shoulder": ls, "r_shoulder": rs,
        "l_elbow": (ls[0] - 14, shoulder_y + 22), "r_elbow": (rs[0] + 14, shoulder_y + 22),
        "l_hand": (lh[0] - 2, hip_y - 10), "r_hand": (rh[0] + 2, hip_y - 10),
        "head": (center, shoulder_y - 21),
        "l_band": lerp(lh, lk, 0.72), "r_band": lerp(rh, rk, 0.72),
        "l_glute_a": (lh[0] - 7, hip_y - 8), "l_glute_b": (lh[0] - 9, hip_y + 4),
        "r_glute_a": (rh[0] + 7, hip_y - 8), "r_glute_b": (rh[0] + 9, hip_y + 4),
    }  # fmt: skip


def lateral_band_walk() -> Figure:
    narrow, wide, shift = 38.0, 64.0, 26.0
    x0 = 160.0 - shift / 2
    frames = [
        (x0, x0 - narrow / 2, x0 + narrow / 2),  # start
        (x0 + (wide - narrow) / 2, x0 - narrow / 2, x0 - narrow / 2 + wide),  # right foot out
        (x0 + shift, x0 + shift - narrow / 2, x0 + shift + narrow / 2),  # left foot follows
        (x0 + shift, x0 + shift - narrow / 2, x0 + shift + narrow / 2),  # (beat)
        (x0 + shift - (wide - narrow) / 2, x0 + shift + narrow / 2 - wide, x0 + shift + narrow / 2),
        (x0, x0 - narrow / 2, x0 + narrow / 2),  # right foot follows back
        (x0, x0 - narrow / 2, x0 + narrow / 2),
    ]
    poses = [band_walk_pose(*frame) for frame in frames]
    return Figure(
        id="lateral_band_walk",
        desc=(
            "Seen from the front, a person stands in a half squat with hands on hips and a "
            "loop band around both legs just above the knees. One foot steps out to the side, "
            "then the other follows, keeping the band tight and the feet apart; then the steps "
            "go back the other way. The sides of the hips are highlighted."
        ),
        strokes=[
            Stroke(("l_glute_a", "l_glute_b"), "gf-target"),
            Stroke(("r_glute_a", "r_glute_b"), "gf-target"),
            Stroke(("l_hand", "l_elbow", "l_shoulder", "r_shoulder", "r_elbow", "r_hand")),
            Stroke(("neck", "pelvis")),
            Stroke(("l_toe", "l_ankle", "l_knee", "l_hip", "r_hip", "r_knee", "r_ankle", "r_toe")),
            Stroke(("l_band", "r_band"), "gf-band"),
        ],
        head="head",
        poses=poses,
        key_times=[0, 0.18, 0.36, 0.5, 0.68, 0.86, 1],
        seconds=4.0,
        still=1,
        ghost=0,
        ghost_strokes=(4,),
        arrows=[Arrow((222, 150), (236, 146), (250, 150))],
    )


def box_squat_pose(t: float) -> Pose:
    ankle = (178.0, FLOOR - 6)
    standing_hip = (ankle[0] - 4, ankle[1] - THIGH - SHIN + 2)
    low_hip = (141.0, 129.0)
    hip = lerp(standing_hip, low_hip, t)
    # a knee bends forward: of the two solutions, the one in front
    knee = max(joint(hip, THIGH, ankle, SHIN), joint(hip, THIGH, ankle, SHIN, upper=False))
    lean = 90 - 40 * t
    shoulder = at(hip, lean, TORSO)
    # arms hang when standing and reach forward for balance when low
    elbow = at(shoulder, -90 + 88 * t, UPPER_ARM)
    hand = at(elbow, -86 + 90 * t, FOREARM)
    float_knee = at(hip, -60 + 40 * t, THIGH)
    float_ankle = at(float_knee, -80 + 38 * t, SHIN)
    return {
        "hip": hip,
        "knee": knee,
        "ankle": ankle,
        "toe": (ankle[0] + 12, FLOOR - 2),
        "shoulder": shoulder,
        "head": at(shoulder, lean, NECK),
        "elbow": elbow,
        "hand": hand,
        "f_knee": float_knee,
        "f_ankle": float_ankle,
        "f_toe": at(float_ankle, 10 + 10 * t, 10),
        "glute_a": at(hip, 200 + 20 * t, 4),
        "glute_b": lerp(hip, knee, 0.45),
    }


def single_leg_box_squat() -> Figure:
    poses, times = there_and_back(box_squat_pose, count=4, up=3.0, hold=0.4, down=1.6, rest=0.6)
    # "up" here is the lowering (3 s), "down" the drive back up
    return Figure(
        id="single_leg_box_squat",
        desc=(
            "A person stands on one leg with their back to a box, the other foot floating a "
            "little in front. They lower slowly, hips back and knee pointing over the toes, "
            "until their bottom just brushes the box, then drive through the heel to stand tall "
            "again. The buttock and the front of the thigh of the standing leg are highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("hip", "f_knee", "f_ankle", "f_toe"), "gf-limb gf-far"),
            Stroke(("shoulder", "hip", "knee", "ankle", "toe")),
            Stroke(("shoulder", "elbow", "hand")),
        ],
        head="head",
        poses=poses,
        key_times=times,
        seconds=5.6,
        still=4,
        props=['<rect class="gf-box" x="88" y="137" width="50" height="43" rx="3"/>'],
        extent=[(88, 137)],
        arrows=[Arrow((120, 72), (110, 92), (118, 114))],
    )


# --- rolls ----------------------------------------------------------------------------------------
def roller(cx: float, r: float = 12.0) -> str:
    cy = FLOOR - r - 1.25
    return f'<circle class="gf-roller" fill="{ROLLER}" cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}"/>'


def tfl_roll() -> Figure:
    roller_x = 162.0
    hip = (roller_x - 2, FLOOR - 26)
    elbow = (hip[0] - TORSO - 4, FLOOR - 4)
    shoulder = (elbow[0] + 4, elbow[1] - UPPER_ARM + 2)
    hand = (elbow[0] + FOREARM - 2, FLOOR - 4)
    b_ankle = (hip[0] + THIGH + SHIN - 4, FLOOR - 5)
    b_knee = lerp(hip, b_ankle, THIGH / (THIGH + SHIN))
    t_ankle = (hip[0] + 44, FLOOR - 6)
    t_knee = joint(hip, THIGH, t_ankle, SHIN)
    pose = {
        "hip": hip, "shoulder": shoulder, "elbow": elbow, "hand": hand,
        "head": at(shoulder, angle(hip, shoulder) + 8, NECK),
        "b_knee": b_knee, "b_ankle": b_ankle, "b_toe": (b_ankle[0] + 6, b_ankle[1] - 8),
        "t_knee": t_knee, "t_ankle": t_ankle, "t_toe": (t_ankle[0] + 12, FLOOR - 2),
        "a_elbow": (shoulder[0] + 24, shoulder[1] + 6),
        "a_hand": (shoulder[0] + 44, shoulder[1] + 14),
        "tfl_a": (hip[0] - 2, hip[1] + 9), "tfl_b": (hip[0] + 12, hip[1] + 8),
    }  # fmt: skip
    return Figure(
        id="tfl_roll",
        desc=(
            "A person lies on their side propped on the bottom forearm, with a foam roller under "
            "the front of the outer hip, just below the pelvis. The top leg crosses over with "
            "its foot planted on the floor for support. They roll slowly to and fro over a "
            "small patch, about 8 to 10 centimetres. The front of the outer hip is highlighted."
        ),
        strokes=[
            Stroke(("tfl_a", "tfl_b"), "gf-target"),
            Stroke(("hip", "t_knee", "t_ankle", "t_toe"), "gf-limb gf-far"),
            Stroke(("hand", "elbow", "shoulder", "hip", "b_knee", "b_ankle", "b_toe")),
            Stroke(("shoulder", "a_elbow", "a_hand")),
        ],
        head="head",
        poses=[pose],
        props=[roller(roller_x)],
        arrows=[
            Arrow(
                (roller_x - 14, FLOOR - 50),
                (roller_x, FLOOR - 56),
                (roller_x + 14, FLOOR - 50),
                both=True,
            )
        ],
    )


def lateral_quad_roll() -> Figure:
    roller_x = 190.0
    thigh_mid = (roller_x, FLOOR - 26)
    hip = at(thigh_mid, 168, THIGH / 2 + 6)
    knee = at(hip, -12, THIGH)
    ankle = at(knee, -6, SHIN)
    elbow = (hip[0] - TORSO - 6, FLOOR - 4)
    shoulder = (elbow[0] + 2, elbow[1] - UPPER_ARM + 2)
    hand = (elbow[0] + FOREARM - 2, FLOOR - 4)
    f_knee = (hip[0] + 28, FLOOR - 6)
    pose = {
        "hip": hip, "knee": knee, "ankle": ankle, "toe": at(ankle, -60, 9),
        "shoulder": shoulder, "elbow": elbow, "hand": hand,
        "head": at(shoulder, angle(hip, shoulder) + 12, NECK),
        "f_knee": f_knee, "f_ankle": (f_knee[0] - 26, FLOOR - 6),
        "quad_a": lerp(hip, knee, 0.15), "quad_b": lerp(hip, knee, 0.62),
    }  # fmt: skip
    return Figure(
        id="lateral_quad_roll",
        desc=(
            "A person lies face down, turned slightly to one side and supported on the "
            "forearms, with a foam roller under the outside of one thigh at mid-thigh. The "
            "other leg is bent out to the side for support. They roll from mid-thigh up toward "
            "the hip and back, never down toward the knee. The outer thigh is highlighted."
        ),
        strokes=[
            Stroke(("quad_a", "quad_b"), "gf-target"),
            Stroke(("hip", "f_knee", "f_ankle"), "gf-limb gf-far"),
            Stroke(("hand", "elbow", "shoulder", "hip", "knee", "ankle", "toe")),
        ],
        head="head",
        poses=[pose],
        props=[roller(roller_x)],
        arrows=[
            Arrow(
                (roller_x + 2, FLOOR - 58),
                (roller_x - 18, FLOOR - 64),
                (roller_x - 38, FLOOR - 58),
                both=True,
            )
        ],
    )


def glute_roll() -> Figure:
    roller_x = 140.0
    hip = (roller_x + 2, FLOOR - 31)
    shoulder = at(hip, 118, TORSO)
    hand = (shoulder[0] - 22, FLOOR - 3)
    elbow = lerp(shoulder, hand, 0.5)
    ankle = (hip[0] + 76, FLOOR - 6)
    knee = joint(hip, THIGH, ankle, SHIN)
    c_knee = at(hip, 20, THIGH - 8)
    c_ankle = (knee[0] + 4, knee[1] - 7)
    pose = {
        "hip": hip, "shoulder": shoulder, "hand": hand, "elbow": (elbow[0] - 2, elbow[1]),
        "head": at(shoulder, 104, NECK),
        "knee": knee, "ankle": ankle, "toe": (ankle[0] + 12, FLOOR - 2),
        "c_knee": c_knee, "c_ankle": c_ankle, "c_toe": (c_ankle[0] + 10, c_ankle[1] - 2),
        "glute_a": (hip[0] - 8, hip[1] + 6), "glute_b": (hip[0] + 6, hip[1] + 8),
    }  # fmt: skip
    return Figure(
        id="glute_roll",
        desc=(
            "A person sits on a foam roller with it under one buttock, leaning back on the "
            "hands. The ankle of that side rests across the opposite knee in a figure-four. "
            "They roll slowly forward and back. The buttock on the roller is highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("hip", "knee", "ankle", "toe"), "gf-limb gf-far"),
            Stroke(("hand", "elbow", "shoulder", "hip")),
            Stroke(("hip", "c_knee", "c_ankle", "c_toe")),
        ],
        head="head",
        poses=[pose],
        props=[roller(roller_x, 13)],
        arrows=[
            Arrow(
                (roller_x - 20, FLOOR + 10),
                (roller_x, FLOOR + 14),
                (roller_x + 20, FLOOR + 10),
                both=True,
            )
        ],
    )


# --- stretches ------------------------------------------------------------------------------------
def pigeon() -> Figure:
    hip = (150.0, FLOOR - 22)
    shoulder = at(hip, 72, TORSO)
    hand = (shoulder[0] + 8, FLOOR - 3)
    elbow = lerp(shoulder, hand, 0.5)
    knee = (hip[0] + 40, FLOOR - 5)
    ankle = (hip[0] + 6, FLOOR - 4)
    b_knee = (hip[0] - THIGH, FLOOR - 5)
    b_ankle = (b_knee[0] - SHIN, FLOOR - 4)
    pose = {
        "hip": hip, "shoulder": shoulder, "elbow": (elbow[0] + 3, elbow[1]), "hand": hand,
        "head": at(shoulder, 78, NECK),
        "knee": knee, "ankle": ankle, "b_knee": b_knee, "b_ankle": b_ankle,
        "b_toe": (b_ankle[0] - 11, FLOOR - 3),
        "glute_a": (hip[0] - 8, hip[1] - 6), "glute_b": (hip[0] + 6, hip[1] - 10),
    }  # fmt: skip
    return Figure(
        id="pigeon",
        desc=(
            "A person in the pigeon stretch: the front leg bent on the floor with the knee "
            "forward and the shin angled across under the body, the back leg stretched straight "
            "back with the top of the foot down, hips level and low, upper body up on straight "
            "arms. The outer back of the front hip is highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("hip", "knee", "ankle")),
            Stroke(("hip", "b_knee", "b_ankle", "b_toe"), "gf-limb gf-far"),
            Stroke(("shoulder", "hip")),
            Stroke(("shoulder", "elbow", "hand")),
        ],
        head="head",
        poses=[pose],
    )


def hip_flexor_stretch() -> Figure:
    b_knee = (132.0, FLOOR - 5)
    hip = at(b_knee, 62, THIGH)
    b_ankle = (b_knee[0] - SHIN, FLOOR - 5)
    f_ankle = (hip[0] + 62, FLOOR - 6)
    f_knee = joint(hip, THIGH, f_ankle, SHIN)
    shoulder = at(hip, 95, TORSO)
    elbow = at(shoulder, 112, UPPER_ARM)
    hand = at(elbow, 104, FOREARM)
    pose = {
        "hip": hip, "b_knee": b_knee, "b_ankle": b_ankle, "b_toe": (b_ankle[0] - 10, FLOOR - 3),
        "f_knee": f_knee, "f_ankle": f_ankle, "f_toe": (f_ankle[0] + 12, FLOOR - 2),
        "shoulder": shoulder, "elbow": elbow, "hand": hand,
        "o_elbow": at(shoulder, -70, UPPER_ARM), "o_hand": (f_knee[0] - 6, f_knee[1] - 4),
        "head": at(shoulder, 82, NECK),
        "flex_a": at(hip, 92, 8), "flex_b": lerp(hip, b_knee, 0.55),
    }  # fmt: skip
    return Figure(
        id="hip_flexor_stretch",
        desc=(
            "A person kneels on one knee with the other foot flat on the floor in front, pelvis "
            "tucked under and upper body tall, the arm on the kneeling side reaching overhead. "
            "The front of the hip on the kneeling side is highlighted, where the stretch is felt."
        ),
        strokes=[
            Stroke(("flex_a", "flex_b"), "gf-target"),
            Stroke(("shoulder", "o_elbow", "o_hand"), "gf-limb gf-far"),
            Stroke(("hip", "f_knee", "f_ankle", "f_toe"), "gf-limb gf-far"),
            Stroke(("hand", "elbow", "shoulder", "hip", "b_knee", "b_ankle", "b_toe")),
        ],
        head="head",
        poses=[pose],
    )


def figure_four() -> Figure:
    shoulder = (86.0, FLOOR - 8)
    hip = (shoulder[0] + TORSO, FLOOR - 8)
    ankle = (hip[0] + 62, FLOOR - 5)
    pose = supine(shoulder, hip, ankle)
    knee = pose["knee"]
    c_ankle = (knee[0] + 2, knee[1] - 6)
    c_knee = at(c_ankle, 200, SHIN - 6)
    pose.update(
        {
            "c_knee": c_knee,
            "c_ankle": c_ankle,
            "c_toe": (c_ankle[0] + 10, c_ankle[1] - 3),
            "glute_a": (hip[0] - 6, hip[1] + 2),
            "glute_b": lerp(hip, c_knee, 0.3),
        }
    )
    return Figure(
        id="figure_four",
        desc=(
            "A person lies on their back with knees bent and feet flat. One ankle is crossed "
            "over the other knee and the crossed knee falls open to the side, making the shape "
            "of a 4. The back of the hip on the crossed side is highlighted."
        ),
        strokes=[
            Stroke(("glute_a", "glute_b"), "gf-target"),
            Stroke(("shoulder", "elbow", "hand"), "gf-limb gf-far"),
            Stroke(("shoulder", "hip", "knee", "ankle", "toe"), "gf-limb gf-far"),
            Stroke(("hip", "c_knee", "c_ankle", "c_toe")),
        ],
        head="head",
        poses=[pose],
    )


FIGURES: tuple[Callable[[], Figure], ...] = (
    clamshell,
    side_lying_abduction,
    glute_bridge,
    single_leg_bridge,
    lateral_band_walk,
    single_leg_box_squat,
    tfl_roll,
    lateral_quad_roll,
    glute_roll,
    pigeon,
    hip_flexor_stretch,
    figure_four,
)


def build() -> dict[str, str]:
    """Every figure's SVG text, by exercise id (titles from the protocol's exercise names)."""
    from gerdy.protocol import load_protocol

    protocol = load_protocol()
    out: dict[str, str] = {}
    for make in FIGURES:
        figure = make()
        out[figure.id] = render(figure, protocol.exercise(figure.id).name)
    return out


def frames(exercise_id: str) -> list[str]:
    """Each keyframe of one figure as a still SVG (for looking at the poses while drawing)."""
    figure = next(f for f in (make() for make in FIGURES) if f.id == exercise_id)
    out = []
    for pose in figure.poses:
        single = Figure(**{**figure.__dict__, "poses": [pose], "key_times": [], "arrows": []})
        out.append(render(single, figure.id))
    return out


PACKAGE_FIGURES = Path(__file__).resolve().parent.parent / "src" / "gerdy" / "figures"


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for exercise_id, text in build().items():
        (folder / f"{exercise_id}.svg").write_text(text, encoding="utf-8")


def stale(folder: Path) -> list[str]:
    """The figures whose file in `folder` differs from what this script draws (or is missing)."""
    out = []
    for exercise_id, text in build().items():
        path = folder / f"{exercise_id}.svg"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(exercise_id)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw gerdy's exercise figures (SVG).")
    parser.add_argument("--out", type=Path, default=PACKAGE_FIGURES, help="folder to write to")
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    parser.add_argument("--frames", type=Path, help="write keyframes of the named figures here")
    parser.add_argument("ids", nargs="*", help="figures for --frames")
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.out)
        for exercise_id in names:
            print(f"stale: {args.out / exercise_id}.svg", file=sys.stderr)
        return 1 if names else 0
    if args.frames is not None:
        args.frames.mkdir(parents=True, exist_ok=True)
        for exercise_id in args.ids:
            for index, text in enumerate(frames(exercise_id)):
                (args.frames / f"{exercise_id}-{index}.svg").write_text(text, encoding="utf-8")
        return 0
    write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

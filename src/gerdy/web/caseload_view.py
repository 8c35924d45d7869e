"""How the caseload draws a row: the 14-day pain sparkline as SVG polylines (a gap where a day
has no check-in) and its text alternative. It draws what `services.caseload` summarised."""

from __future__ import annotations

from collections.abc import Sequence

SPARK_WIDTH = 112
SPARK_HEIGHT = 28
PAD = 2
PAIN_MAX = 10


def spark_segments(pain: Sequence[int | None]) -> list[str]:
    """SVG `points` of each run of days with a check-in (a lone day is a short dash)."""
    if not pain:
        return []
    step = (SPARK_WIDTH - 2 * PAD) / max(len(pain) - 1, 1)
    segments: list[list[str]] = []
    current: list[str] = []
    for index, value in enumerate(pain):
        if value is None:
            if current:
                segments.append(current)
                current = []
            continue
        x = PAD + index * step
        y = PAD + (PAIN_MAX - value) * (SPARK_HEIGHT - 2 * PAD) / PAIN_MAX
        current.append(f"{x:.1f},{y:.1f}")
    if current:
        segments.append(current)
    return [" ".join(s if len(s) > 1 else [s[0], shifted(s[0])]) for s in segments]


def shifted(point: str) -> str:
    x, y = point.split(",")
    return f"{float(x) + 2:.1f},{y}"


def spark_text(pain: Sequence[int | None]) -> str:
    """The sparkline in words, for screen readers and the no-SVG case."""
    given = [p for p in pain if p is not None]
    if not given:
        return f"no pain ratings in the last {len(pain)} days"
    return (
        f"daily pain over {len(pain)} days, {len(given)} ratings: "
        f"latest {given[-1]}, highest {max(given)}, lowest {min(given)} (out of 10)"
    )

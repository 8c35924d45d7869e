"""What an analysis shows: the JSON contract of `gerdy analyze --json` (issue 5) and a
self-contained HTML report (annotated key frames as embedded JPEG, inline SVG plots; no
external resources). Pure apart from JPEG encoding (OpenCV, from the `video` extra).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gerdy.video import rear_view, side_view, squat
from gerdy.video.geometry import flexion, point_at, tilt_deg
from gerdy.video.pose import SIDES
from gerdy.video.series import Values

if TYPE_CHECKING:
    from gerdy.video.analyze import Analysis
    from gerdy.video.pose import Image, Pose

UNITS = {
    "cadence_spm": "steps/min (both feet)",
    "fps": "frames/s",
    "contacts.time_s": "s from the first frame",
    "step_width_ratio": "lateral distance between consecutive left/right contacts ÷ hip width",
    "crossovers": "count of contacts with the foot at or across the midline",
    "pelvic_drop_deg": "degrees at mid-stance, contralateral hip below stance hip, per stance leg",
    "overstride": "leg lengths (heel ahead of the hip at contact, median)",
    "knee_flexion_at_contact_deg": "degrees (0 = straight leg, median over contacts)",
    "reps.knee_valgus_deg": "degrees, knee frontal-plane projection angle (+ = knee inward)",
}
THRESHOLDS = {
    "rear": {
        "crossovers": f"heel within {rear_view.CROSSOVER_MARGIN} hip widths of the midline or "
        "across it (RF-3 'land each foot under its own hip'; margin: gerdy decision)",
        "pelvic_drop_deg": f"flagged above {rear_view.PELVIC_DROP_FLAG_DEG}° (gerdy decision; "
        "more drop in injured runners: Bramah et al. 2018; ED-2, RF-4)",
        "cadence_spm": "RF-1: target 5-10% above your cadence, toward 170-180",
    },
    "side": {
        "overstride": f"flagged above {side_view.OVERSTRIDE_FLAG_LEG_LENGTHS} leg lengths when "
        "running (gerdy decision; RF-2)",
        "knee_flexion_at_contact_deg": "shown, not judged: the band is compressed near 30° (ED-1)",
        "cadence_spm": "RF-1: target 5-10% above your cadence, toward 170-180",
    },
    "front": {
        "reps.verdict": f"knee caved in above {squat.VALGUS_LIMIT_DEG}°: {squat.VALGUS_SOURCE}"
    },
}


def rounded(value: Any, digits: int = 2) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v, digits) for v in value]
    return value


def result_json(analysis: Analysis) -> dict[str, Any]:
    """The contract: view, activity, frames, fps, contacts, cadence_spm, the view's metrics,
    units and thresholds with their sources, and how the subject was picked."""
    info = analysis.info
    out: dict[str, Any] = {
        "file": info.path,
        "view": analysis.view,
        "activity": analysis.activity.activity,
        "activity_reasons": analysis.activity.reasons,
        "frames": analysis.frames_decoded or info.frame_count,
        "frames_analysed": len(analysis.series.frames),
        "frames_with_subject": analysis.series.seen,
        "frames_without_subject": analysis.absent_frames,
        "fps": round(info.fps, 3),
        "duration_s": None if info.duration_s is None else round(info.duration_s, 3),
        "size": {"width": info.width, "height": info.height, "rotation_deg": info.rotation},
        "subject": {
            "picked": analysis.subject.number,
            "reason": analysis.subject_reason,
            "people": [t.describe() for t in analysis.tracks],
            "tracking_switches_rejected": analysis.switches,
        },
        "contacts": [c.to_json() for c in analysis.contacts],
        "cadence_spm": None if analysis.cadence_spm is None else round(analysis.cadence_spm, 1),
    }
    if analysis.view == "front":
        out["exercise"] = analysis.exercise
        out["side"] = analysis.side
        out["reps"] = [rep.to_json() for rep in analysis.reps]
    else:
        out.update(rounded({k: v for k, v in analysis.metrics.items()}, 3))
        out["running_metrics_reliable"] = analysis.activity.activity == "running"
    out["units"] = {k: v for k, v in UNITS.items() if k.split(".")[0] in out}
    out["thresholds"] = THRESHOLDS[analysis.view]
    out["notes"] = analysis.notes
    return out


def summary_lines(result: dict[str, Any]) -> list[str]:
    """A short human report."""
    lines = [
        f"{result['view']} view, {result['frames']} frames at {result['fps']:g} fps; "
        f"subject: {result['subject']['reason']}",
        f"subject seen in {result['frames_with_subject']} of {result['frames_analysed']} "
        "analysed frames",
    ]
    if result["view"] == "front":
        for rep in result["reps"]:
            angle = rep["knee_valgus_deg"]
            shown = "?" if angle is None else f"{angle:+.0f}°"
            lines.append(f"rep {rep['rep']}: knee angle {shown} → {rep['verdict']}")
        lines.append(f"{len(result['reps'])} reps")
        return [*lines, *result["notes"]]
    cadence = result["cadence_spm"]
    lines.append(
        f"activity: {result['activity']}; {len(result['contacts'])} foot contacts; cadence "
        + ("not measured" if cadence is None else f"{cadence:.0f} steps/min")
    )
    if result["view"] == "rear":
        drop = result["pelvic_drop_deg"]
        lines.append(
            f"step width {fmt(result['step_width_ratio'])} x hip width; "
            f"crossovers: {result['crossovers']}; pelvic drop left {fmt(drop['left'])}°, "
            f"right {fmt(drop['right'])}°"
        )
    else:
        lines.append(
            f"heel ahead of hip at contact: {fmt(result['overstride'])} leg lengths; "
            f"knee flexion at contact: {fmt(result['knee_flexion_at_contact_deg'], 0)}°"
        )
    return [*lines, *result["notes"]]


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


# --- HTML -------------------------------------------------------------------------------


def svg_plot(times: Sequence[float], lines: dict[str, Values], title: str, unit: str) -> str:
    """A small inline SVG line plot (None values break the line)."""
    width, height, pad = 640, 180, 32
    known = [v for vals in lines.values() for v in vals if v is not None]
    if not known or not times:
        return f"<p>{html.escape(title)}: no data</p>"
    lo, hi = min(known), max(known)
    hi = hi if hi > lo else lo + 1
    t0, t1 = times[0], max(times[-1], times[0] + 1e-6)
    colors = ["#1f77b4", "#d62728", "#2ca02c"]
    paths = []
    for n, (name, values) in enumerate(lines.items()):
        d, pen = [], "M"
        for t, v in zip(times, values, strict=False):
            if v is None:
                pen = "M"
                continue
            x = pad + (t - t0) / (t1 - t0) * (width - 2 * pad)
            y = height - pad - (v - lo) / (hi - lo) * (height - 2 * pad)
            d.append(f"{pen}{x:.1f},{y:.1f}")
            pen = "L"
        color = colors[n % len(colors)]
        paths.append(
            f'<path d="{" ".join(d)}" fill="none" stroke="{color}" stroke-width="1.5"/>'
            f'<text x="{width - pad - 120}" y="{14 + 14 * n}" fill="{color}" '
            f'font-size="12">{html.escape(name)}</text>'
        )
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{html.escape(title)}">'
        f'<rect width="{width}" height="{height}" fill="#fff" stroke="#ccc"/>'
        f'<text x="{pad}" y="14" font-size="12">{html.escape(title)} ({html.escape(unit)})</text>'
        f'<text x="4" y="{pad}" font-size="10">{hi:.1f}</text>'
        f'<text x="4" y="{height - pad}" font-size="10">{lo:.1f}</text>'
        f'<text x="{pad}" y="{height - 8}" font-size="10">{t0:.1f} s</text>'
        f'<text x="{width - pad - 30}" y="{height - 8}" font-size="10">{t1:.1f} s</text>'
        f"{''.join(paths)}</svg></figure>"
    )


def knee_flexion_series(analysis: Analysis) -> dict[str, Values]:
    series = analysis.series
    out: dict[str, Values] = {}
    for side, ids in SIDES.items():
        values: Values = []
        for i in range(len(series.frames)):
            hip, knee = point_at(series, ids["hip"], i), point_at(series, ids["knee"], i)
            ankle = point_at(series, ids["ankle"], i)
            values.append(None if not (hip and knee and ankle) else flexion(hip, knee, ankle))
        out[f"{side} knee flexion"] = values
    return out


BONES = [(11, 12), (11, 23), (12, 24), (23, 24), (23, 25), (25, 27), (27, 29), (29, 31),
         (24, 26), (26, 28), (28, 30), (30, 32)]  # fmt: skip


def annotated_jpeg(image: Image, pose: Pose | None, caption: str) -> str:
    """The frame with the skeleton and a caption, as a base64 JPEG (OpenCV, `video` extra)."""
    import cv2

    canvas = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
    height, width = canvas.shape[:2]
    if pose is not None:
        for a, b in BONES:
            pa, pb = pose[a], pose[b]
            color = (0, 200, 0) if a % 2 or b % 2 else (0, 120, 255)  # left: green, right: orange
            cv2.line(
                canvas,
                (int(pa.x * width), int(pa.y * height)),
                (int(pb.x * width), int(pb.y * height)),
                color,
                max(2, width // 400),
            )
    cv2.putText(canvas, caption, (10, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (255, 255, 255), 2)
    scale = min(1.0, 720 / width)
    if scale < 1:
        canvas = cv2.resize(canvas, (int(width * scale), int(height * scale)))
    ok, encoded = cv2.imencode(".jpg", canvas, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return base64.b64encode(encoded.tobytes()).decode("ascii") if ok else ""


def html_report(analysis: Analysis, result: dict[str, Any], key_frames: dict[int, Image]) -> str:
    """A self-contained HTML page: summary, thresholds, key frames, plots."""
    series = analysis.series
    by_frame = {f.index: f for f in series.frames}
    figures = []
    for index, image in sorted(key_frames.items()):
        frame = by_frame.get(index)
        caption = f"frame {index} ({frame.time_s:.2f} s)" if frame else f"frame {index}"
        data = annotated_jpeg(image, frame.landmarks if frame else None, caption)
        figures.append(
            f'<figure><img alt="{html.escape(caption)}" src="data:image/jpeg;base64,{data}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        )
    times = series.times
    plots = [svg_plot(times, knee_flexion_series(analysis), "Knee flexion", "degrees")]
    if analysis.view == "rear":
        tilt: Values = []
        for i in range(len(series.frames)):
            left, right = point_at(series, 23, i), point_at(series, 24, i)
            tilt.append(None if not (left and right) else tilt_deg(right, left))
        plots.append(svg_plot(times, {"right hip below left": tilt}, "Pelvis tilt", "degrees"))
    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
        for k, v in result["thresholds"].items()
    )
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in summary_lines(result))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>gerdy form check</title><style>body{font-family:sans-serif;max-width:760px;"
        "margin:auto}img{max-width:100%}th{text-align:left;padding-right:1em}</style></head>"
        f"<body><h1>Form check: {html.escape(result['view'])} view</h1><ul>{lines}</ul>"
        f"<h2>Thresholds and their sources</h2><table>{rows}</table>"
        f"<h2>Key frames</h2>{''.join(figures) or '<p>none</p>'}"
        f"<h2>Over time</h2>{''.join(plots)}"
        "<p><small>Educational only, not medical advice (ED-6).</small></p></body></html>"
    )


def key_frame_indices(analysis: Analysis, limit: int = 4) -> list[int]:
    """A few frames worth showing: the first contacts, or the bottom of each rep."""
    if analysis.view == "front":
        return [rep.frame for rep in analysis.reps[:limit]]
    return [c.frame for c in analysis.contacts[:limit]]

"""Turn an analysis result (the `gerdy analyze --json` object) into a `form_check` event, so
the engine sees cadence (RF-1) and the box squat's knee (PR-4) over time. No I/O but reading
the video file once for its content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from gerdy.domain.events import FormCheck, FormRep, Source
from gerdy.video.squat import KNEE_CAVED_IN

CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def form_check_event(result: dict[str, Any], video: Path, date: dt.date) -> FormCheck:
    drop = result.get("pelvic_drop_deg") or {}
    reps = tuple(
        FormRep(
            knee_valgus_deg=rep.get("knee_valgus_deg"), caved_in=rep["verdict"] == KNEE_CAVED_IN
        )
        for rep in result.get("reps", ())
    )
    return FormCheck(
        date=date,
        view=result["view"],
        activity=result.get("activity") or "unknown",
        exercise=result.get("exercise"),
        side=result.get("side"),
        cadence_spm=result.get("cadence_spm"),
        step_width_ratio=result.get("step_width_ratio"),
        crossovers=result.get("crossovers"),
        pelvic_drop_left_deg=drop.get("left"),
        pelvic_drop_right_deg=drop.get("right"),
        overstride_leg_lengths=result.get("overstride"),
        knee_flexion_at_contact_deg=result.get("knee_flexion_at_contact_deg"),
        reps=reps,
        source=Source(file=video.name[-500:], sha256=file_sha256(video)),
    )

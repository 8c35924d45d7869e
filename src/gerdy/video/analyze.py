"""The form-check use case: a video file in, an `Analysis` (series, events, metrics) out.

Two streaming passes over the file: (1) every DISCOVERY_STEP_S, find everyone in the frame
and pick the subject (`subject.py`); (2) follow the subject frame by frame on a crop around
them, so the tracker cannot wander to someone else. Then the pure metrics of the view.
Raises `InvalidInput` for a file that is not a video, a video with nobody in it, or a bad
view/exercise; never saves anything (the CLI does, from the result).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gerdy.domain.errors import InvalidInput
from gerdy.video import gait, rear_view, side_view, squat
from gerdy.video.frames import Frame, VideoInfo, VideoReader
from gerdy.video.pose import Landmark, MediaPipePose, Pose, PoseBackend, PoseFrame, bounding_box
from gerdy.video.series import LandmarkSeries
from gerdy.video.subject import (
    DISCOVERY_STEP_S,
    MAX_PEOPLE,
    Box,
    Sighting,
    SubjectTrack,
    choose_subject,
    link,
)

if TYPE_CHECKING:
    from gerdy.video.pose import Image

VIEWS = ("rear", "side", "front")
EXERCISES = ("single_leg_box_squat",)
FrameProgress = Callable[[int, int, str], None]  # (frames done, frames in all, the pass)
BackendFactory = Callable[[bool], PoseBackend]  # static? -> backend
CROP_SCALE = 1.5  # crop side = this x the person's box (longer side)
SWITCH_DISTANCE = 0.75  # tracked centre further than this x the expected height: someone else
MIN_PERSON_HEIGHT = 0.08  # of the frame: smaller "people" are detector noise


def mediapipe_backend(static: bool) -> PoseBackend:
    return MediaPipePose(static=static, min_detection_confidence=0.3 if static else 0.5)


class TimedBackend:
    """Wraps a backend and adds up the time spent in the model."""

    def __init__(self, inner: PoseBackend) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.calls = 0

    def process(self, image: Image) -> Pose | None:
        start = time.perf_counter()
        try:
            return self.inner.process(image)
        finally:
            self.seconds += time.perf_counter() - start
            self.calls += 1

    def reset(self) -> None:
        self.inner.reset()

    def close(self) -> None:
        self.inner.close()


@dataclass
class Analysis:
    info: VideoInfo
    view: str
    exercise: str | None
    side: str | None
    frame_step: int
    series: LandmarkSeries
    tracks: list[SubjectTrack]
    subject: SubjectTrack
    subject_reason: str
    switches: int = 0
    absent_frames: int = 0
    contacts: list[gait.Contact] = field(default_factory=list)
    toe_offs: list[gait.Contact] = field(default_factory=list)
    cadence_spm: float | None = None
    activity: gait.ActivityCall = field(default_factory=lambda: gait.ActivityCall("unknown", []))
    metrics: dict[str, Any] = field(default_factory=dict)
    reps: list[squat.Rep] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    frames_decoded: int = 0


def check_request(view: str | None, exercise: str | None, side: str | None) -> str:
    """The view to analyse, or InvalidInput for a combination that makes no sense."""
    if exercise is not None:
        if exercise not in EXERCISES:
            raise InvalidInput(f"unknown exercise {exercise!r}: use {', '.join(EXERCISES)}")
        if side not in ("left", "right"):
            raise InvalidInput("the single-leg box squat needs --side left or --side right")
        if view not in (None, "front"):
            raise InvalidInput(
                "the single-leg box squat is filmed from the front: use --view front"
            )
        return "front"
    if view not in ("rear", "side"):
        raise InvalidInput(
            "a running video needs --view rear or --view side "
            "(a squat: --exercise single_leg_box_squat --side left|right)"
        )
    return view


def analyze_video(
    path: Path | str,
    view: str | None,
    *,
    exercise: str | None = None,
    side: str | None = None,
    frame_step: int = 1,
    progress: FrameProgress | None = None,
    backend_factory: BackendFactory = mediapipe_backend,
) -> Analysis:
    view = check_request(view, exercise, side)
    started = time.perf_counter()
    reader = VideoReader(path)
    info = reader.info
    total = info.frame_count or round((info.duration_s or 0) * info.fps) or 0
    report = progress or (lambda done, total, label: None)

    finder = TimedBackend(backend_factory(True))
    try:
        samples = discover(reader, finder, total, report)
    finally:
        finder.close()
    tracks = [t for t in link(samples) if t.mean_height >= MIN_PERSON_HEIGHT]
    choice = choose_subject(tracks, view)
    if choice is None:
        raise InvalidInput(f"nobody found in {Path(path).name}: film the whole body, well lit")
    subject, reason = choice

    tracker = TimedBackend(backend_factory(False))
    try:
        analysis = follow(reader, tracker, subject, frame_step, total, report)
    finally:
        tracker.close()
    analysis.view, analysis.exercise, analysis.side = view, exercise, side
    analysis.tracks, analysis.subject_reason = tracks, reason
    if analysis.series.seen == 0:
        raise InvalidInput(f"no body landmarks found in {Path(path).name}")
    if reader.truncated:
        analysis.notes.append("the video is damaged near the end: analysed up to there")
    measure(analysis)
    analysis.timings = {
        "wall_s": time.perf_counter() - started,
        "pose_s": finder.seconds + tracker.seconds,
        "pose_tracking_s": tracker.seconds,
        "pose_calls": finder.calls + tracker.calls,
    }
    return analysis


def discover(
    reader: VideoReader, finder: TimedBackend, total: int, report: FrameProgress
) -> list[list[Sighting]]:
    """Everyone found in frames sampled every DISCOVERY_STEP_S."""
    step = max(1, round(reader.info.fps * DISCOVERY_STEP_S))
    samples = []
    for frame in reader.frames(step=step):
        samples.append(find_people(frame, finder))
        report(frame.index + 1, total, "Finding people")
    return samples


def find_people(frame: Frame, finder: PoseBackend) -> list[Sighting]:
    """Up to MAX_PEOPLE: find the most obvious person, grey them out, look again."""
    image = frame.image.copy()
    height, width = image.shape[:2]
    found = []
    for _ in range(MAX_PEOPLE):
        pose = finder.process(image)
        if pose is None:
            break
        box = bounding_box(pose)
        found.append(Sighting(frame.index, frame.time_s, box))
        x0, y0, x1, y1 = grown(box, 1.2)
        image[int(y0 * height) : int(y1 * height) + 1, int(x0 * width) : int(x1 * width) + 1] = 127
    return found


def grown(box: Box, factor: float) -> Box:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    hw, hh = (box[2] - box[0]) * factor / 2, (box[3] - box[1]) * factor / 2
    return (max(0.0, cx - hw), max(0.0, cy - hh), min(1.0, cx + hw), min(1.0, cy + hh))


def crop_for(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    """Pixel crop (x0, y0, x1, y1): a square of CROP_SCALE x the box around its centre,
    clipped to the frame."""
    cx, cy = (box[0] + box[2]) / 2 * width, (box[1] + box[3]) / 2 * height
    side = max((box[2] - box[0]) * width, (box[3] - box[1]) * height, 32.0) * CROP_SCALE
    x0, y0 = max(0, int(cx - side / 2)), max(0, int(cy - side / 2))
    x1, y1 = min(width, int(cx + side / 2)), min(height, int(cy + side / 2))
    return x0, y0, x1, y1


def to_frame_coords(pose: Pose, crop: tuple[int, int, int, int], width: int, height: int) -> Pose:
    x0, y0, x1, y1 = crop
    cw, ch = x1 - x0, y1 - y0
    return tuple(
        Landmark((x0 + p.x * cw) / width, (y0 + p.y * ch) / height, p.z, p.visibility) for p in pose
    )


def follow(
    reader: VideoReader,
    tracker: TimedBackend,
    subject: SubjectTrack,
    frame_step: int,
    total: int,
    report: FrameProgress,
) -> Analysis:
    """Track the subject on a crop around where discovery saw them (or, past the ends of
    that, around where the tracker last had them)."""
    margin = max(1, round(reader.info.fps * DISCOVERY_STEP_S))
    frames: list[PoseFrame] = []
    switches = absent = decoded = 0
    last_box: Box | None = None
    for frame in reader.frames(step=frame_step):
        decoded = frame.index + 1
        height, width = frame.image.shape[:2]
        expected = subject.box_at(frame.index, margin_frames=margin)
        roi = expected or last_box
        landmarks: Pose | None = None
        if roi is not None:
            crop = crop_for(roi, width, height)
            found = tracker.process(frame.image[crop[1] : crop[3], crop[0] : crop[2]])
            if found is not None:
                landmarks = to_frame_coords(found, crop, width, height)
                box = bounding_box(landmarks)
                if expected is not None and switched(box, expected):
                    switches += 1
                    landmarks = None
                    tracker.reset()
                last_box = bounding_box(landmarks) if landmarks else None
        if landmarks is None:
            absent += 1
            if last_box is None and roi is not None:
                tracker.reset()
            last_box = None
        frames.append(PoseFrame(frame.index, frame.time_s, width, height, landmarks))
        report(frame.index + 1, total, "Following the subject")
    series = LandmarkSeries(frames)
    return Analysis(
        info=reader.info,
        view="",
        exercise=None,
        side=None,
        frame_step=frame_step,
        series=series,
        tracks=[],
        subject=subject,
        subject_reason="",
        switches=switches,
        absent_frames=absent,
        frames_decoded=decoded,
    )


def switched(box: Box, expected: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    ex, ey = (expected[0] + expected[2]) / 2, (expected[1] + expected[3]) / 2
    size = max(expected[3] - expected[1], 1e-6)
    return bool(((cx - ex) ** 2 + (cy - ey) ** 2) ** 0.5 > SWITCH_DISTANCE * size)


def measure(analysis: Analysis) -> None:
    """The view's metrics from the series (pure functions)."""
    series = analysis.series
    seen = series.seen / max(1, len(series.frames))
    if seen < 0.3:
        analysis.notes.append(
            f"the subject was seen in only {seen:.0%} of the analysed frames: results are uncertain"
        )
    if analysis.view == "front":
        assert analysis.side is not None
        analysis.reps = squat.squat_reps(series, analysis.side)
        if not analysis.reps:
            analysis.notes.append("no squat reps found: film the whole body from the front")
        return
    if analysis.view == "side":
        contacts, toe_offs = gait.side_view_events(series)
        analysis.contacts, analysis.toe_offs = contacts, toe_offs
        analysis.cadence_spm = gait.cadence_spm(contacts)
        analysis.activity = gait.classify_activity(
            analysis.cadence_spm,
            toe_off_lag=gait.toe_off_lag(contacts, toe_offs),
            speed=gait.speed_leg_lengths(series),
        )  # hip oscillation is left out here: double support is the better flight cue
        over = side_view.overstride_per_contact(series, contacts)
        knee = side_view.knee_flexion_per_contact(series, contacts)
        analysis.metrics = {
            "overstride": side_view.typical(over),
            "knee_flexion_at_contact_deg": side_view.typical(knee),
            "per_contact": [
                {"frame": c.frame, "overstride": o, "knee_flexion_deg": k}
                for c, o, k in zip(contacts, over, knee, strict=True)
            ],
        }
    else:
        contacts = gait.rear_view_contacts(series)
        analysis.contacts = contacts
        analysis.cadence_spm = gait.cadence_spm(contacts)
        analysis.activity = gait.classify_activity(
            analysis.cadence_spm, oscillation=gait.vertical_oscillation(series, contacts)
        )
        feet = rear_view.placements(series, contacts)
        analysis.metrics = {
            "step_width_ratio": rear_view.step_width_ratio(feet),
            "crossovers": rear_view.crossovers(feet),
            "pelvic_drop_deg": rear_view.pelvic_drop(series, contacts),
            "per_contact": [
                {"frame": f.contact.frame, "foot": f.side, "offset_hip_widths": f.offset_hip_widths}
                for f in feet
            ],
        }
    if len(analysis.contacts) < gait.MIN_CONTACTS:
        analysis.notes.append(
            f"only {len(analysis.contacts)} foot contacts found: film at least 10 steps"
        )
    if analysis.activity.activity != "running":
        analysis.notes.append(
            "running metrics are only judged for running: the subject was "
            f"{'walking' if analysis.activity.activity == 'walking' else 'not clearly running'}"
        )

"""The pose interface: RGB frames in, 33 MediaPipe landmarks per frame out.

`PoseBackend` is all the rest of `gerdy.video` knows about a model. `MediaPipePose` is the
implementation (MediaPipe's legacy Pose solution, full model, tracking mode), imported lazily:
without the `video` extra, `require_video_extra()` raises a one-line install hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeAlias

from gerdy.domain.errors import GerdyError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Image: TypeAlias = npt.NDArray[np.uint8]
else:
    Image = Any

INSTALL_HINT = (
    "video analysis needs the optional 'video' extra: pip install 'gerdy[video]' "
    "(or, in a checkout, uv sync --extra video)"
)

LANDMARK_NAMES: tuple[str, ...] = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip",
    "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
    "right_heel", "left_foot_index", "right_foot_index",
)  # fmt: skip
NOSE = 0
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
LEFT_HEEL, RIGHT_HEEL = 29, 30
LEFT_FOOT_INDEX, RIGHT_FOOT_INDEX = 31, 32
SIDES: dict[str, dict[str, int]] = {
    "left": {"shoulder": 11, "hip": 23, "knee": 25, "ankle": 27, "heel": 29, "toe": 31},
    "right": {"shoulder": 12, "hip": 24, "knee": 26, "ankle": 28, "heel": 30, "toe": 32},
}


class VideoExtraMissing(GerdyError):
    """The optional `video` extra (MediaPipe, PyAV) is not installed."""


class Landmark(NamedTuple):
    """One landmark in normalized image coordinates (x right, y down, 0..1 inside the frame;
    z is MediaPipe's relative depth) with the model's visibility (0..1)."""

    x: float
    y: float
    z: float
    visibility: float


Pose = tuple[Landmark, ...]  # 33 landmarks, in LANDMARK_NAMES order


@dataclass(frozen=True)
class PoseFrame:
    """The pose found in one video frame (`landmarks` None: nobody, or not the subject)."""

    index: int
    time_s: float
    width: int  # pixel size of the (upright) frame the normalized coordinates refer to
    height: int
    landmarks: Pose | None


class PoseBackend(Protocol):
    """A pose model: one RGB frame (H x W x 3, uint8) in, 33 landmarks or None out.

    A tracking backend may use the previous frames; `reset()` starts a new track (after a cut,
    a gap, or when the caller decides the tracked person is not the subject)."""

    def process(self, image: Image) -> Pose | None: ...

    def reset(self) -> None: ...

    def close(self) -> None: ...


def require_video_extra() -> None:
    """Raise `VideoExtraMissing` (one line, how to install) unless MediaPipe and PyAV import."""
    try:
        import av  # noqa: F401
        import mediapipe  # noqa: F401
    except ImportError as exc:
        raise VideoExtraMissing(INSTALL_HINT) from exc


def bounding_box(
    pose: Sequence[Landmark], min_visibility: float = 0.3
) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the landmarks seen with at least `min_visibility` (all if none)."""
    seen = [p for p in pose if p.visibility >= min_visibility] or list(pose)
    xs = [p.x for p in seen]
    ys = [p.y for p in seen]
    return (min(xs), min(ys), max(xs), max(ys))


class MediaPipePose:
    """MediaPipe legacy Pose: full model (model_complexity=1, `pose_landmark_full.tflite`,
    shipped in the 0.10.21 wheel), tracking between frames unless `static` (then every frame
    runs the person detector: used to find everyone in a frame, see `subject.py`)."""

    def __init__(self, *, static: bool = False, min_detection_confidence: float = 0.5) -> None:
        require_video_extra()
        import mediapipe as mp

        self._static = static
        self._min_detection_confidence = min_detection_confidence
        self._solution = mp.solutions.pose
        self._pose: Any = None
        self.reset()

    def reset(self) -> None:
        self.close()
        self._pose = self._solution.Pose(
            static_image_mode=self._static,
            model_complexity=1,
            smooth_landmarks=True,
            enable_segmentation=False,
            min_detection_confidence=self._min_detection_confidence,
            min_tracking_confidence=0.5,
        )

    def process(self, image: Image) -> Pose | None:
        result = self._pose.process(image)
        if result.pose_landmarks is None:
            return None
        return tuple(Landmark(p.x, p.y, p.z, p.visibility) for p in result.pose_landmarks.landmark)

    def close(self) -> None:
        if self._pose is not None:
            self._pose.close()
            self._pose = None

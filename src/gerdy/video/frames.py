"""Stream upright RGB frames out of a video file with PyAV, one at a time.

Owns: opening and probing the file, rotation metadata (phone videos store portrait footage
as landscape plus a display matrix), per-frame timestamps from the stream's own clock
(variable frame rate, a stream that does not start at 0), downscaling big frames before the
pose model, and turning unreadable files into `InvalidInput`. Never loads the whole video.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gerdy.domain.errors import InvalidInput
from gerdy.video.pose import require_video_extra

if TYPE_CHECKING:
    from gerdy.video.pose import Image

MAX_SIDE = 1920  # bigger frames (4K) are shrunk first: the pose model looks at 256 px anyway


@dataclass(frozen=True)
class VideoInfo:
    path: str
    width: int  # upright (after rotation), before downscaling
    height: int
    fps: float  # the stream's average frame rate
    frame_count: int | None  # from the container; None when it does not say
    duration_s: float | None
    rotation: int  # degrees counter-clockwise applied to show the frame upright
    codec: str


@dataclass(frozen=True)
class Frame:
    index: int  # position in the stream, counting every decoded frame
    time_s: float  # presentation time from the stream's first frame
    image: Image  # upright RGB, H x W x 3 uint8, possibly downscaled (see MAX_SIDE)


def upright(image: Image, rotation: int) -> Image:
    """The frame as it should be shown: rotated `rotation` degrees counter-clockwise."""
    import numpy as np

    turns = round(rotation / 90) % 4
    if turns == 0:
        return image
    return np.ascontiguousarray(np.rot90(image, turns))


def scaled_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """(width, height) shrunk to fit `max_side`, kept even (video scalers like even sizes)."""
    scale = min(1.0, max_side / max(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


class VideoReader:
    """An open video: `info`, then `frames()` to stream it (each call starts from the top)."""

    def __init__(self, path: Path | str) -> None:
        require_video_extra()
        self.path = Path(path)
        if not self.path.is_file():
            raise InvalidInput(f"no such video file: {self.path}")
        self.truncated = False  # set when decoding stopped at damaged data
        container = self._open()
        try:
            self.info = self._probe(container)
        finally:
            container.close()

    def _open(self) -> Any:
        import av

        try:
            container = av.open(str(self.path))
        except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
            raise InvalidInput(f"cannot read {self.path.name} as a video: {exc}") from exc
        if not container.streams.video:
            container.close()
            raise InvalidInput(f"{self.path.name} has no video stream")
        return container

    def _probe(self, container: Any) -> VideoInfo:
        stream = container.streams.video[0]
        first = self._first_frame(container)
        rotation = int(getattr(first, "rotation", 0) or 0)
        width, height = first.width, first.height
        if round(rotation / 90) % 2:
            width, height = height, width
        rate = stream.average_rate or stream.guessed_rate or stream.base_rate
        fps = float(rate) if rate else 0.0
        duration = None
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration:
            duration = container.duration / 1_000_000
        if fps <= 0 and duration:
            fps = (stream.frames or 0) / duration
        return VideoInfo(
            path=str(self.path),
            width=width,
            height=height,
            fps=fps or 30.0,
            frame_count=stream.frames or None,
            duration_s=duration,
            rotation=rotation,
            codec=stream.codec_context.name,
        )

    def _first_frame(self, container: Any) -> Any:
        import av

        try:
            for frame in container.decode(video=0):
                return frame
        except av.error.FFmpegError as exc:
            raise InvalidInput(f"cannot decode {self.path.name}: {exc}") from exc
        raise InvalidInput(f"{self.path.name} has no video frames")

    def frames(
        self, *, step: int = 1, max_side: int = MAX_SIDE, only: Container[int] | None = None
    ) -> Iterator[Frame]:
        """Every `step`-th frame (or the frames in `only`), upright and downscaled; the others
        are decoded (the codec needs them) but not converted. Timestamps come from the stream
        (variable frame rate)."""
        import av

        container = self._open()
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        fps = self.info.fps
        start: float | None = None
        size: tuple[int, int] | None = None
        last_time = -1.0
        try:
            decoded = container.decode(stream)
            index = -1
            while True:
                try:
                    frame = next(decoded)
                except StopIteration:
                    break
                except av.error.FFmpegError:
                    self.truncated = True
                    break
                index += 1
                time_s = frame.time if frame.time is not None else index / fps
                if start is None:
                    start = time_s
                time_s -= start
                if time_s <= last_time:  # a duplicate or out-of-order stamp: keep order
                    time_s = last_time + 1e-6
                last_time = time_s
                if (index % step) if only is None else (index not in only):
                    continue
                if size is None:
                    size = scaled_size(frame.width, frame.height, max_side)
                rgb = frame.reformat(
                    width=size[0], height=size[1], format="rgb24", interpolation="FAST_BILINEAR"
                ).to_ndarray()
                rotation = int(getattr(frame, "rotation", 0) or 0) or self.info.rotation
                yield Frame(index=index, time_s=time_s, image=upright(rgb, rotation))
        finally:
            container.close()

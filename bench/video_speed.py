"""Video form-check speed (issue 5): real-time factor at 720p 30 fps on this machine.

Makes a 1280x720 30 fps H.264 clip from the real footage (tests/data/video, scaled in memory,
written to a temp file), then measures in the same run:
  1. pose only: decode every frame and run the MediaPipe tracker on the whole frame, nothing
     else; the model's own time per frame (the limit);
  2. the whole analysis (`analyze_video`, side view): discovery + following + metrics;
  3. the same with --frame-step 2 (every other frame followed).
Prints the real-time factor (video seconds per wall second) of each and the ratio whole
analysis / pose only (target <= 1.3x).

    uv run --extra video python bench/video_speed.py
"""

from __future__ import annotations

import tempfile
import time
from fractions import Fraction
from pathlib import Path

REAL_VIDEO = Path(__file__).resolve().parents[1] / "tests" / "data" / "video" / "sports2d__demo.mp4"


def make_720p_clip(target: Path) -> float:
    """Writes the clip; returns its duration in seconds."""
    import av

    count = 0
    with av.open(str(REAL_VIDEO)) as source, av.open(str(target), "w") as out:
        stream = out.add_stream("libx264", rate=30)
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "23"}
        for frame in source.decode(video=0):
            scaled = frame.reformat(width=1280, height=720, format="yuv420p")
            scaled.pts, scaled.time_base = count, Fraction(1, 30)
            out.mux(stream.encode(scaled))
            count += 1
        out.mux(stream.encode(None))
    return count / 30


def pose_only(path: Path) -> tuple[float, float, int]:
    """(wall seconds, model seconds, frames): decode + tracker on every full frame."""
    from gerdy.video.frames import VideoReader
    from gerdy.video.pose import MediaPipePose

    model = MediaPipePose()
    started, in_model, frames = time.perf_counter(), 0.0, 0
    for frame in VideoReader(path).frames():
        t = time.perf_counter()
        model.process(frame.image)
        in_model += time.perf_counter() - t
        frames += 1
    model.close()
    return time.perf_counter() - started, in_model, frames


def whole(path: Path, step: int) -> tuple[float, dict[str, float], float | None]:
    from gerdy.video.analyze import analyze_video

    started = time.perf_counter()
    analysis = analyze_video(path, "side", frame_step=step)
    return time.perf_counter() - started, analysis.timings, analysis.cadence_spm


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "walk_720p.mp4"
        duration = make_720p_clip(clip)
        print(f"clip: 1280x720, 30 fps, {duration:.2f} s (from {REAL_VIDEO.name})")
        whole(clip, 1)  # warm-up: model files and caches
        base_wall, base_model, frames = pose_only(clip)
        per_frame = base_model / frames * 1000
        print(
            f"pose only (every frame, whole frame): {base_wall:.2f} s wall, model "
            f"{per_frame:.1f} ms/frame -> real-time factor {duration / base_wall:.2f}x "
            f"(model alone {duration / base_model:.2f}x)"
        )
        for step in (1, 2):
            wall, timings, cadence = whole(clip, step)
            print(
                f"whole analysis, frame step {step}: {wall:.2f} s wall "
                f"(model {timings['pose_s']:.2f} s in {timings['pose_calls']:.0f} calls) -> "
                f"real-time factor {duration / wall:.2f}x; whole / pose-only "
                f"{wall / base_wall:.2f}x (target <= 1.3x); cadence {cadence or 0:.0f} spm"
            )


if __name__ == "__main__":
    main()

"""Decoding (rotation, variable frame rate, bad files) and the pose model on a real frame."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from gerdy.domain.errors import InvalidInput


def write_video(path: Path, size: tuple[int, int], times: list[float], rotation: int = 0) -> None:
    """A small H.264/MPEG-4 file with frames at `times` (seconds), grey with a white bar."""
    import av
    import numpy as np

    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=30)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.time_base = Fraction(1, 1000)
        stream.codec_context.time_base = Fraction(1, 1000)
        if rotation:
            stream.set_display_rotation(rotation)
        for t in times:
            image = np.full((size[1], size[0], 3), 90, dtype=np.uint8)
            image[: size[1] // 4] = 255  # a bar at the top, to see which way is up
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = round(t * 1000)
            frame.time_base = Fraction(1, 1000)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def test_variable_frame_rate_keeps_each_frames_own_time(
    needs_video_extra: None, tmp_path: Path
) -> None:
    from gerdy.video.frames import VideoReader

    times = [0.0, 0.033, 0.1, 0.12, 0.3, 0.31, 0.5]
    path = tmp_path / "vfr.mp4"
    write_video(path, (64, 48), times)
    got = [f.time_s for f in VideoReader(path).frames()]
    assert got == pytest.approx(times, abs=0.002)


def test_rotation_metadata_gives_upright_portrait_frames(
    needs_video_extra: None, tmp_path: Path
) -> None:
    from gerdy.video.frames import VideoReader

    path = tmp_path / "phone.mp4"
    write_video(path, (96, 64), [0.0, 0.033, 0.066], rotation=90)
    reader = VideoReader(path)
    assert (reader.info.width, reader.info.height, reader.info.rotation) == (64, 96, 90)
    frame = next(iter(reader.frames()))
    assert frame.image.shape == (96, 64, 3)
    # stored with the bar at the top; turned 90° counter-clockwise it is on the left
    assert frame.image[:, :8].mean() > 200 > frame.image[:, -8:].mean()


def test_a_file_that_is_not_a_video_is_a_user_error(
    needs_video_extra: None, tmp_path: Path
) -> None:
    from gerdy.video.frames import VideoReader

    path = tmp_path / "notes.mp4"
    path.write_text("not a video at all\n" * 50)
    with pytest.raises(InvalidInput, match=r"notes\.mp4"):
        VideoReader(path)
    with pytest.raises(InvalidInput, match="no such video"):
        VideoReader(tmp_path / "missing.mp4")


def test_the_model_finds_a_person_in_a_real_frame(real_video: Path) -> None:
    from gerdy.video.frames import VideoReader
    from gerdy.video.pose import LEFT_HIP, RIGHT_HIP, MediaPipePose, bounding_box

    frame = next(iter(VideoReader(real_video).frames(only={120})))
    model = MediaPipePose(static=True)
    try:
        pose = model.process(frame.image)
    finally:
        model.close()
    assert pose is not None and len(pose) == 33
    assert min(pose[LEFT_HIP].visibility, pose[RIGHT_HIP].visibility) > 0.5
    _, y0, _, y1 = bounding_box(pose)
    assert 0.15 < y1 - y0 < 0.9  # a whole person, not a speck


def test_a_video_with_nobody_in_it_is_a_user_error(needs_video_extra: None, tmp_path: Path) -> None:
    from gerdy.video.analyze import analyze_video

    path = tmp_path / "empty.mp4"
    write_video(path, (160, 120), [i / 30 for i in range(20)])
    with pytest.raises(InvalidInput, match="nobody found"):
        analyze_video(path, "side")

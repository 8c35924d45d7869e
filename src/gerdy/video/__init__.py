"""Video form check (issue 5): pose landmarks from a phone video, gait and squat metrics.

The pose model (MediaPipe, the optional `video` extra) stays behind `pose.PoseBackend`;
everything past it (series, subject, gait, rear_view, side_view, squat, report) is pure Python
over landmark time series, so it is testable without the extra and without a video.
Nothing here touches the database: saving results is the caller's job.
"""

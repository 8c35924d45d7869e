"""`gerdy analyze FILE`: a form check from a video (issue 5).

A thin edge over `gerdy.video.analyze.analyze_video`: it checks the options, shows a Rich
progress bar on stderr (not with --json), then a short report — or, with --json, the
contract object (see `gerdy.video.report.result_json`). `--report out.html` writes the HTML
report. Without the `video` extra, a bad file, nobody in the video or a wrong --view, it is one
`error: ...` line and nothing is saved.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from gerdy.cli.options import DateOption, JsonFlag, emit_json
from gerdy.cli.progress import progress_bar
from gerdy.cli.session import open_coach
from gerdy.domain.errors import InvalidInput
from gerdy.domain.events import FormCheck
from gerdy.video import pose
from gerdy.video import report as video_report
from gerdy.video.analyze import analyze_video, check_request
from gerdy.video.frames import VideoReader
from gerdy.video.saving import form_check_event


# The choices of `--view`, `--exercise` and `--side`, as Typer lists them.
class ViewChoice(StrEnum):
    rear = "rear"
    side = "side"
    front = "front"


class ExerciseChoice(StrEnum):
    single_leg_box_squat = "single_leg_box_squat"


class SideChoice(StrEnum):
    left = "left"
    right = "right"


FileArgument = Annotated[
    Path,
    typer.Argument(help="The video (mp4, mov, ...), filmed from behind, the side or the front."),
]
ViewOption = Annotated[
    ViewChoice | None,
    typer.Option("--view", help="Where the camera stood: rear or side (running), front (squat)."),
]
ExerciseOption = Annotated[
    ExerciseChoice | None,
    typer.Option("--exercise", help="Analyse an exercise instead of running."),
]
SideOption = Annotated[SideChoice | None, typer.Option("--side", help="The standing leg (squat).")]
ReportOption = Annotated[
    Path | None, typer.Option("--report", help="Write an HTML report here.", show_default=False)
]
SaveFlag = Annotated[bool, typer.Option("--save", help="Save the result to your record.")]
StepOption = Annotated[
    int,
    typer.Option(
        "--frame-step",
        min=1,
        max=4,
        help="Analyse every Nth frame (2 is about twice as fast; contacts are then found "
        "to within 2 frames).",
    ),
]


def analyze_command(
    file: FileArgument,
    view: ViewOption = None,
    exercise: ExerciseOption = None,
    side: SideOption = None,
    report: ReportOption = None,
    save: SaveFlag = False,
    frame_step: StepOption = 1,
    date: DateOption = None,
    json_output: JsonFlag = False,
) -> None:
    """Check your running form (cadence, crossover, pelvic drop, over-striding) or your
    single-leg box squat (knee over the second toe) from a phone video. Runs on your machine."""
    pose.require_video_extra()
    check_request(
        view.value if view else None, exercise.value if exercise else None,
        side.value if side else None,
    )  # fmt: skip
    if not file.is_file():
        raise InvalidInput(f"no such video file: {file}")
    if save:
        with open_coach() as coach:  # fail early: no record, or a date before its start
            day = date or coach.today()
            coach.check(_probe_event(day))
    analysis = run_analysis(file, view, exercise, side, frame_step, quiet=json_output)

    result = video_report.result_json(analysis)
    if report is not None:
        write_report(analysis, result, report)
    if save:
        with open_coach() as coach:
            saved = coach.log(form_check_event(result, file, day))[0]
        result["saved_event_id"] = saved.id
    if json_output:
        emit_json(result)
        return

    console = Console()
    for line in video_report.summary_lines(result):
        console.print(line, highlight=False, markup=False)
    if report is not None:
        console.print(f"report: {report}", highlight=False, markup=False)
    if save:
        console.print(f"saved to your record as event {result['saved_event_id']}", highlight=False)


def _probe_event(day: Any) -> Any:
    return FormCheck(date=day, view="side")


def run_analysis(
    file: Path,
    view: ViewChoice | None,
    exercise: ExerciseChoice | None,
    side: SideChoice | None,
    frame_step: int,
    *,
    quiet: bool,
) -> Any:
    kwargs: dict[str, Any] = {
        "exercise": exercise.value if exercise else None,
        "side": side.value if side else None,
        "frame_step": frame_step,
    }
    view_name = view.value if view else None
    if quiet:
        return analyze_video(file, view_name, **kwargs)

    with progress_bar("Reading the video") as advance:
        return analyze_video(file, view_name, progress=advance, **kwargs)


def write_report(analysis: Any, result: dict[str, Any], path: Path) -> None:
    wanted = set(video_report.key_frame_indices(analysis))
    images = {f.index: f.image for f in VideoReader(analysis.info.path).frames(only=wanted)}
    try:
        path.write_text(video_report.html_report(analysis, result, images), encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot write the report to {path}: {exc.strerror}") from exc


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)

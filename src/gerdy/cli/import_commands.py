"""`gerdy import PATH...`: watch and app files (FIT, GPX, TCX, optionally .gz), folders of
them and whole export zips (Strava) become `run` and `cross` events.

A thin edge over the import use case (`Coach.import_files`): it checks the paths, opens the record,
shows a Rich progress bar on stderr (not with --json), then a summary table — or, with
--json, the contract `{"imported": [...], "duplicates": N, "skipped": {...}, "failed": [...]}`.
A missing path or a record without a profile is one `error: ...` line (exit 1).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from gerdy.cli.options import JsonFlag, emit_json, parse_iso_date
from gerdy.cli.progress import progress_bar
from gerdy.cli.render import run_questions_view, show
from gerdy.cli.session import open_coach
from gerdy.domain.errors import InvalidInput
from gerdy.engine.plan import DayPlan
from gerdy.importers.pipeline import ImportOptions, ImportSummary

PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Activity files (.fit, .gpx, .tcx, also .gz), folders of them, or export zips.",
        show_default=False,
    ),
]
SinceOption = Annotated[
    dt.date | None,
    typer.Option(
        "--since",
        parser=parse_iso_date,
        metavar="YYYY-MM-DD",
        help="Leave out activities dated before this day.",
        show_default=False,
    ),
]


def import_command(
    paths: PathsArgument, since: SinceOption = None, json_output: JsonFlag = False
) -> None:
    """Import runs (and walks, rides, swims) from watch and app files or a Strava export.

    Importing the same file twice adds nothing. Imported runs wait for a pain rating.
    """
    for path in paths:
        if not path.exists():
            raise InvalidInput(f"no such file or folder: {path}")
    with open_coach() as coach:
        coach.profile()
        if json_output:
            summary = coach.import_files(paths, ImportOptions(since=since))
            emit_json(summary.to_json())
            return

        with progress_bar("Importing", keep_label=True) as advance:
            summary = coach.import_files(paths, ImportOptions(since=since, progress=advance))
        plan = coach.plan()

    show(*summary_views(summary, plan))


def summary_views(summary: ImportSummary, plan: DayPlan | None = None) -> list[RenderableType]:
    """The import's tables; with today's `plan`, what it asks of the imported runs (their
    answers, a check of a run outside the bounds, a run also typed by hand counted once)."""
    views: list[RenderableType] = []
    runs = sum(1 for row in summary.imported if row["type"] == "run")
    headline = Text(
        f"Imported {plural(len(summary.imported), 'activity', 'activities')} "
        f"({plural(runs, 'run')}), {summary.duplicates} already in the record.",
        style="bold green" if summary.imported else "bold",
    )
    views.append(headline)
    if summary.imported:
        table = Table("date", "type", "minutes", "km", "cadence", "file", title="Imported")
        for row in sorted(summary.imported, key=lambda r: (r["date"], r["file"])):
            km, cadence = row["distance_km"], row["cadence_spm"]
            table.add_row(
                row["date"],
                row["type"],
                f"{row['minutes']:.1f}",
                "" if km is None else f"{km:.2f}",
                "" if cadence is None else f"{cadence:.0f}",
                Path(row["file"]).name,
            )
        views.append(table)
    if summary.skipped:
        skipped = Table("sport", "activities", title="Skipped")
        for sport, count in sorted(summary.skipped.items()):
            label = "before the start date" if sport == "before_start" else sport
            skipped.add_row(label, str(count))
        views.append(skipped)
    if summary.failed:
        failed = Table("file", "reason", title="Failed", title_style="bold red")
        for row in summary.failed:
            failed.add_row(Path(row["file"]).name, row["reason"])
        views.append(failed)
    questions = None if plan is None else run_questions_view(imported_runs_only(plan))
    if questions is not None:
        views.append(questions)
    return views


def imported_runs_only(plan: DayPlan) -> DayPlan:
    """The plan's questions about imported runs only (the recent ones: older runs count for
    volume and are never asked about)."""
    return plan.model_copy(
        update={
            "runs_awaiting_answers": tuple(q for q in plan.runs_awaiting_answers if q.imported),
            "runs_to_confirm": tuple(r for r in plan.runs_to_confirm if r.imported),
        }
    )


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)

"""`gerdy report --pdf FILE`: the PDF report to bring to an appointment (1-3 A4 pages: stage
timeline, pain, weekly minutes against the cap, adherence, strength doses, recent runs, red
flags, form checks). ReportLab is imported only when the command runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from gerdy.cli.options import CommandFailed, JsonFlag, current_record, emit_json
from gerdy.cli.session import open_coach
from gerdy.reports.gather import report_data


def report(
    pdf: Annotated[
        Path, typer.Option("--pdf", metavar="FILE", help="Write the report to this PDF file.")
    ],
    alias: Annotated[
        str | None,
        typer.Option("--alias", help="The name printed on the report (default: the record's)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write a PDF report of the rehab so far, to show a physiotherapist."""
    # ReportLab, here only: `gerdy --help` loads this module, and importing the renderer would
    # add about 600 M instructions (~130 ms) to it (bench/startup.py --instructions).
    from gerdy.reports.pdf import render_report

    with open_coach() as coach:
        at = coach.now() or dt.datetime.now(dt.UTC)
        data = report_data(coach, coach.today(), at, alias or current_record())
    content = render_report(data)
    try:
        pdf.write_bytes(content)
    except OSError as exc:
        raise CommandFailed(f"cannot write {pdf}: {exc.strerror or exc}") from exc
    if as_json:
        emit_json({"file": str(pdf), "bytes": len(content), "stage": data.plan.stage})
        return
    typer.echo(f"Wrote the report ({len(content) // 1024 + 1} KB) to {pdf}.")


def register(app: typer.Typer) -> None:
    app.command("report")(report)

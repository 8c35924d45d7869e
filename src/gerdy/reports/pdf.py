"""The PDF report to bring to an appointment: 1-3 A4 pages drawn with ReportLab from a
`ReportData` (see `gather`). Charts are vector drawings (lines and rectangles, not pictures).

A pure renderer: it is given the report's values and returns the PDF's bytes. It decides
nothing about the rehab; every number comes from the engine through `gather`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from gerdy.formatting import distance_text, ratio_text
from gerdy.reports.gather import FlagRaised, ReportData, StageSpan, report_data
from gerdy.reports.progress import PainPoint, ProgressReport, WeekPoint
from gerdy.services import Coach

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12  # the frame pads 6 pt on each side
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
GRID = colors.HexColor("#d9dee3")
PAIN = colors.HexColor("#b4233c")
RUN = colors.HexColor("#2f6f9f")
CAP = colors.HexColor("#d9822b")
STAGE_COLOURS = {
    "protect": colors.HexColor("#7b8794"),
    "paused": colors.HexColor("#b4233c"),
    "return-1": colors.HexColor("#7fb2d6"),
    "return-2": colors.HexColor("#4d8fbf"),
    "return-3": colors.HexColor("#2f6f9f"),
    "progress": colors.HexColor("#2d8a4e"),
}


def styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontSize=9, leading=12, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=17, leading=21,
                                alignment=0, textColor=INK, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=11.5, leading=14,
                             textColor=INK, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
    }  # fmt: skip


def day_text(date: dt.date | None) -> str:
    return "-" if date is None else f"{date:%a %d %b %Y}"


def short_day(date: dt.date) -> str:
    return f"{date:%d %b}"


def table(rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Table:
    found = Table([list(row) for row in rows], colWidths=list(widths), repeatRows=1)
    found.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return found


# --- charts (vector) ---------------------------------------------------------------------------
def rect(
    x: float, y: float, width: float, height: float, fill: Color, stroke: Color | None = None
) -> Rect:
    shape = Rect(x, y, width, height)
    shape.fillColor = fill
    shape.strokeColor = stroke
    shape.strokeWidth = 0.5
    return shape


def stage_timeline(spans: Sequence[StageSpan], width: float) -> Drawing:
    """One bar from the start to today, a coloured stretch per stage."""
    height = 34
    drawing = Drawing(width, height)
    if not spans:
        return drawing
    first, last = spans[0].first, spans[-1].last
    total = (last - first).days + 1
    for span in spans:
        x = (span.first - first).days / total * width
        w = max(((span.last - span.first).days + 1) / total * width, 1.0)
        colour = STAGE_COLOURS.get(span.stage, MUTED)
        drawing.add(rect(x, 16, w, 14, colour, stroke=colors.white))
        if w > 34:
            drawing.add(String(x + 2, 5, span.stage, fontName="Helvetica", fontSize=7,
                               fillColor=INK))  # fmt: skip
    return drawing


def pain_chart(points: Sequence[PainPoint], width: float) -> Drawing:
    """Daily pain (0-10) as a line; days without a check-in leave a gap."""
    height, left, bottom = 120, 22, 16
    plot_w, plot_h = width - left - 4, height - bottom - 8
    drawing = Drawing(width, height)
    for value in (0, 2, 4, 6, 8, 10):
        y = bottom + value / 10 * plot_h
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(left - 4, y - 2.5, str(value), fontName="Helvetica", fontSize=7,
                           fillColor=MUTED, textAnchor="end"))  # fmt: skip
    if not points:
        return drawing
    step = plot_w / max(len(points) - 1, 1)
    run: list[float] = []
    for index, point in enumerate(points):
        if point.pain_daily is None:
            add_line(drawing, run)
            run = []
            continue
        run += [left + index * step, bottom + point.pain_daily / 10 * plot_h]
    add_line(drawing, run)
    for index in label_indexes(len(points)):
        x = left + index * step
        drawing.add(String(x, 3, short_day(points[index].date), fontName="Helvetica",
                           fontSize=7, fillColor=MUTED, textAnchor="middle"))  # fmt: skip
    return drawing


def add_line(drawing: Drawing, coordinates: list[float]) -> None:
    if len(coordinates) >= 4:
        drawing.add(PolyLine(coordinates, strokeColor=PAIN, strokeWidth=1.4))
    elif len(coordinates) == 2:
        x, y = coordinates
        drawing.add(rect(x - 1.2, y - 1.2, 2.4, 2.4, PAIN))


def label_indexes(count: int, labels: int = 6) -> list[int]:
    if count <= 1:
        return [0] if count else []
    every = max((count - 1) // (labels - 1), 1)
    return list(range(0, count, every))


def weekly_chart(weeks: Sequence[WeekPoint], width: float) -> Drawing:
    """Minutes run per programme week (bars) against the week's cap (a tick above each)."""
    height, left, bottom = 110, 28, 16
    plot_w, plot_h = width - left - 4, height - bottom - 8
    drawing = Drawing(width, height)
    top = max([w.minutes for w in weeks] + [w.cap or 0 for w in weeks] + [30])
    top = (int(top) // 30 + 1) * 30
    for value in range(0, top + 1, max(top // 4, 1)):
        y = bottom + value / top * plot_h
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(left - 4, y - 2.5, str(value), fontName="Helvetica", fontSize=7,
                           fillColor=MUTED, textAnchor="end"))  # fmt: skip
    if not weeks:
        return drawing
    slot = plot_w / len(weeks)
    for index, week in enumerate(weeks):
        x = left + index * slot + slot * 0.2
        bar_w = slot * 0.6
        drawing.add(rect(x, bottom, bar_w, week.minutes / top * plot_h, RUN))
        if week.cap is not None:
            y = bottom + week.cap / top * plot_h
            drawing.add(Line(x - slot * 0.1, y, x + bar_w + slot * 0.1, y, strokeColor=CAP,
                             strokeWidth=1.6))  # fmt: skip
        drawing.add(String(x + bar_w / 2, 3, f"w{week.week}", fontName="Helvetica",
                           fontSize=7, fillColor=MUTED, textAnchor="middle"))  # fmt: skip
    return drawing


def legend(items: Sequence[tuple[Color, str]], width: float) -> Drawing:
    drawing = Drawing(width, 12)
    x = 0.0
    for colour, label in items:
        drawing.add(rect(x, 3, 9, 6, colour))
        drawing.add(String(x + 12, 3, label, fontName="Helvetica", fontSize=7.5,
                           fillColor=INK))  # fmt: skip
        x += 20 + len(label) * 4
    return drawing


# --- the document ------------------------------------------------------------------------------
def summary_rows(data: ReportData) -> list[list[object]]:
    plan = data.plan
    pain = data.latest_pain
    latest = "no check-in yet" if pain is None else f"{pain.pain_daily}/10 on {day_text(pain.date)}"
    return [
        ["Runner", data.alias, "Side", data.side],
        ["Programme start", day_text(data.start_date), "Report date", day_text(data.today)],
        ["Day / week", f"day {plan.day}, week {plan.week}", "Track", plan.track],
        ["Stage", f"{plan.stage} (since {day_text(plan.stage_since)})", "Latest pain", latest],
        [
            "Return-to-run gate",
            "met on " + day_text(plan.gate.met_on)
            if plan.gate.met
            else f"{plan.gate.pain_free_days} of {plan.gate.needed_days} pain-free days",
            "Adherence",
            f"{ratio_text(*data.adherence_recent)} (14 d), {ratio_text(*data.adherence_all)} all",
        ],
    ]


def summary_table(data: ReportData, cell: ParagraphStyle) -> Table:
    label = ParagraphStyle("label", parent=cell, fontName="Helvetica-Bold")
    rows = [
        [Paragraph(escape(str(value)), label if column % 2 == 0 else cell)
         for column, value in enumerate(row)]
        for row in summary_rows(data)
    ]  # fmt: skip
    found = table(rows, [30 * mm, 62 * mm, 24 * mm, CONTENT_WIDTH - 116 * mm])
    found.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 0.3, GRID)]))
    return found


def weekly_legend(data: ReportData) -> Flowable:
    if any(week.cap is not None for week in data.progress.weekly_minutes):
        return legend([(RUN, "minutes run"), (CAP, "weekly cap")], CONTENT_WIDTH)
    return legend([(RUN, "minutes run (no weekly cap applied in these weeks)")], CONTENT_WIDTH)


def story(data: ReportData) -> list[Flowable]:
    s = styles()
    parts: list[Flowable] = [
        Paragraph("IT band rehab report", s["title"]),
        Paragraph(
            f"Generated {data.generated_at:%d %b %Y %H:%M} UTC by gerdy (protocol "
            f"{escape(data.plan.protocol_version)}).",
            s["small"],
        ),
        Spacer(1, 4),
        summary_table(data, s["cell"]),
    ]
    parts += flags_section(data, s)
    parts += baseline_section(data, s)
    parts += notes_section(data, s)
    parts += [
        Paragraph("Stage timeline", s["h2"]),
        stage_timeline(data.stages, CONTENT_WIDTH),
        Paragraph(
            "; ".join(
                f"{escape(span.stage)} {short_day(span.first)}\u2013{short_day(span.last)}"
                for span in data.stages
            ),
            s["small"],
        ),
        KeepTogether(
            [
                Paragraph("Daily pain (0\u201310, daily activities)", s["h2"]),
                pain_chart(data.progress.pain, CONTENT_WIDTH),
            ]
        ),
        KeepTogether(
            [
                Paragraph("Weekly running minutes against the cap", s["h2"]),
                weekly_chart(data.progress.weekly_minutes, CONTENT_WIDTH),
                weekly_legend(data),
            ]
        ),
    ]
    parts += doses_section(data, s)
    parts += runs_section(data, s)
    parts += form_section(data, s)
    parts += [
        Paragraph("About this report (ED-6)", s["h2"]),
        Paragraph(escape(data.disclaimer), s["small"]),
    ]
    return parts


def flags_section(data: ReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Every red flag of the report's days: when it was raised and whether it is open still,
    then the clearances (who, with what note)."""
    parts: list[Flowable] = [Paragraph("Red flags", s["h2"])]
    if data.flags_raised:
        rows: list[list[object]] = [["Flag", "What", "Raised", "Now"]]
        rows += [
            [f.rule, Paragraph(escape(f.title), s["cell"]), day_text(f.raised), flag_now(f)]
            for f in data.flags_raised
        ]
        widths = [18 * mm, CONTENT_WIDTH - 100 * mm, 32 * mm, 50 * mm]
        parts.append(table(rows, widths))
    if not data.open_flags:
        parts.append(Paragraph("No red flag is open.", s["body"]))
    if data.clearances:
        parts.append(Spacer(1, 4))
        rows = [["Cleared", "Flags", "By", "Note"]]
        rows += [
            [
                day_text(c.date),
                ", ".join(c.rules),
                Paragraph(escape(c.by), s["cell"]),
                Paragraph(escape(c.note or ""), s["cell"]),
            ]
            for c in data.clearances
        ]
        parts.append(table(rows, [32 * mm, 30 * mm, 45 * mm, CONTENT_WIDTH - 107 * mm]))
    return parts


def flag_now(flag: FlagRaised) -> str:
    if flag.ended is None:
        return "open"
    return f"{'cleared' if flag.cleared else 'ended'} {day_text(flag.ended)}"


def baseline_section(data: ReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    rows: list[list[object]] = [["At the intake", "Answer"]]
    rows += [
        [Paragraph(escape(b.question), s["cell"]), Paragraph(escape(b.answer), s["cell"])]
        for b in data.baseline
    ]
    return [
        Paragraph("Intake baseline", s["h2"]),
        table(rows, [CONTENT_WIDTH - 70 * mm, 70 * mm]),
    ]


def notes_section(data: ReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not data.notes:
        return []
    rows: list[list[object]] = [["Date", "By", "Note or adjustment"]]
    rows += [
        [day_text(n.date), Paragraph(escape(n.by), s["cell"]), Paragraph(escape(n.text), s["cell"])]
        for n in data.notes
    ]
    return [
        Paragraph("Notes and adjustments", s["h2"]),
        table(rows, [32 * mm, 45 * mm, CONTENT_WIDTH - 77 * mm]),
    ]


def doses_section(data: ReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Strength doses: at the start and now", s["h2"])]
    if not data.doses:
        return [*parts, Paragraph("No strength session prescribed yet.", s["body"])]
    rows: list[list[object]] = [["Exercise", "At the start", "Now"]]
    rows += [
        [d.exercise, Paragraph(escape(d.at_start), s["cell"]), Paragraph(escape(d.now), s["cell"])]
        for d in data.doses
    ]
    half = (CONTENT_WIDTH - 60 * mm) / 2
    return [*parts, table(rows, [60 * mm, half, half])]


def runs_section(data: ReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Runs of the last 4 weeks", s["h2"])]
    if not data.runs:
        return [*parts, Paragraph("No run in the last 4 weeks.", s["body"])]
    rows: list[list[object]] = [
        ["Date", "Minutes", "Distance", "Pain during", "Ache after", "Cadence", "Terrain"]
    ]
    for run in data.runs:
        rows.append(
            [
                day_text(run.date),
                f"{run.minutes:g}",
                "-" if run.distance_km is None else distance_text(run.distance_km, data.units),
                "-" if run.pain_during is None else f"{run.pain_during}/10",
                "-" if run.pain_after_hours is None else f"{run.pain_after_hours:g} h",
                "-" if run.cadence_spm is None else f"{run.cadence_spm:.0f}",
                run.terrain,
            ]
        )
    widths = [34 * mm, 18 * mm, 24 * mm, 22 * mm, 22 * mm, 20 * mm]
    return [*parts, table(rows, [*widths, CONTENT_WIDTH - sum(widths)])]


def form_section(data: ReportData, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Form checks (video)", s["h2"])]
    if not data.form_checks:
        return [*parts, Paragraph("No form check recorded.", s["body"])]
    rows: list[list[object]] = [["Date", "What", "Findings"]]
    rows += [
        [day_text(f.date), Paragraph(escape(f.what), s["cell"]),
         Paragraph(escape(f.findings), s["cell"])]
        for f in data.form_checks
    ]  # fmt: skip
    return [*parts, table(rows, [34 * mm, 55 * mm, CONTENT_WIDTH - 89 * mm])]


def pdf_report(coach: Coach, today: dt.date, now: dt.datetime, alias: str) -> bytes:
    """The PDF report of the record as of `today`, made at `now`, naming the runner `alias`."""
    return render_report(report_data(coach, today, now, alias))


@dataclass(frozen=True)
class PdfAndSeries:
    """A PDF report and the Progress series drawn in it, from one replay of the record: a
    server keeps both, so the Progress page after a download costs nothing."""

    pdf: bytes
    series: ProgressReport


def pdf_and_series(coach: Coach, today: dt.date, now: dt.datetime, alias: str) -> PdfAndSeries:
    """`pdf_report`, and its Progress series."""
    data = report_data(coach, today, now, alias)
    return PdfAndSeries(render_report(data), data.progress)


def render_report(data: ReportData) -> bytes:
    """The report as PDF bytes (A4)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"gerdy rehab report: {data.alias}",
        author="gerdy",
        subject="IT band syndrome rehab",
        invariant=True,  # the same report gives the same bytes
    )
    document.build(story(data), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, 9 * mm, "Educational only, not medical advice (ED-6).")
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 9 * mm, f"page {document.page}")
    canvas.restoreState()

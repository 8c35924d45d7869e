"""Alerts for the top of the day: red flags first (RED-*), then back-off signs (WS-*), then
information (P1-5, P1-6). Red flags are shown every day until a clearance names them."""

from __future__ import annotations

import datetime as dt

from gerdy.engine.calendar import day_number
from gerdy.engine.course import Course
from gerdy.engine.plan import Alert, RunAllowance


def build_alerts(course: Course, run: RunAllowance) -> list[Alert]:
    return [
        *red_flag_alerts(course),
        *back_off_alerts(course),
        *volume_alerts(course, run),
        *info_alerts(course),
    ]


def red_flag_alerts(course: Course) -> list[Alert]:
    alerts = []
    for flag in course.protocol.red_flags:  # in the protocol's order
        state = course.red_flags.get(flag.id)
        if state is None:
            continue
        text = flag.text
        if state.at_intake:
            text = f"From your intake screen (RED-9): {text}"
        alerts.append(
            Alert(level="red_flag", rule=flag.id, title=flag.title, text=text, since=state.since)
        )
    return alerts


def back_off_alerts(course: Course) -> list[Alert]:
    protocol = course.protocol
    alerts = []
    for reason, since in course.pauses.items():
        if reason in protocol.pausing_red_flags():
            continue
        sign = protocol.warning_sign(reason)
        text = sign.action
        if reason == "WS-1":
            needed = protocol.pain_builds.resume_pain_free_days
            counted = min(course.pain_free_days, (course.date - since).days)
            text += f" ({counted} of {needed} pain-free check-in days so far.)"
        alerts.append(
            Alert(level="back_off", rule=reason, title=sign.title, text=text, since=since)
        )
    week_start = course.date - dt.timedelta(days=6)
    for day in sorted(course.warnings_by_day):
        if not week_start <= day <= course.date:
            continue
        for sign_id in course.warnings_by_day[day]:
            if sign_id in course.pauses or any(a.rule == sign_id for a in alerts):
                continue
            sign = protocol.warning_sign(sign_id)
            alerts.append(
                Alert(level="back_off", rule=sign_id, title=sign.title, text=sign.action, since=day)
            )
    return alerts


def volume_alerts(course: Course, run: RunAllowance) -> list[Alert]:
    """P1-2 / RTR-4: the week's running is already over its cap (e.g. after an import)."""
    cap = run.week_minutes_cap
    if cap is None or run.week_minutes_done <= cap or run.rule not in ("P1-2", "RTR-4"):
        return []
    text = (
        f"You have run {run.week_minutes_done:.0f} min this week, over this week's cap of "
        f"{cap:.0f} min. No more running until the week is over; {course.protocol.why(run.rule)}"
    )
    title = "This week's running is over its cap"
    return [Alert(level="back_off", rule=run.rule, title=title, text=text)]


def unrated_runs_alert(course: Course) -> list[Alert]:
    """Runs without a pain rating (imported from a watch) cannot count as pain-free, so a
    return week cannot be passed on them (RTR-1..3): ask for the rating."""
    unrated = sum(
        1
        for date, day in course.history.days.items()
        if date <= course.date
        for run in day.runs
        if run.pain_during is None
    )
    if not unrated:
        return []
    noun = "run needs" if unrated == 1 else "runs need"
    text = f"{unrated} {noun} a pain rating: a return week only counts runs rated pain-free."
    return [Alert(level="info", rule="RTR-1", title="Rate your runs", text=text)]


def rule_alert(course: Course, rule: str, text: str) -> Alert:
    """An information alert headed by its rule's own title."""
    return Alert(level="info", rule=rule, title=course.protocol.rules[rule].title, text=text)


def info_alerts(course: Course) -> list[Alert]:
    protocol = course.protocol
    alerts = []
    day = day_number(course.profile.start_date, course.date)
    if day <= protocol.protect.heat_free_days:
        alerts.append(rule_alert(course, "P1-5", protocol.why("P1-5")))
    if course.stage == "protect":
        alerts.append(rule_alert(course, "P1-6", " ".join(protocol.protect.donts)))
    alerts.extend(unrated_runs_alert(course))
    return alerts

"""Alerts for the top of the day: red flags first (RED-*), then back-off signs (WS-*) and the
week's volume, then information (keeping to the rung, P1-5, P1-6). Red flags are shown every
day until a clearance names them. Each text is worded for the day it is shown on."""

from __future__ import annotations

import datetime as dt
import math

from gerdy.engine.calendar import ONE_DAY, day_number, week_window
from gerdy.engine.course import Course
from gerdy.engine.plan import Alert, RunAllowance
from gerdy.protocol.schema import PainLastsSign, WarningSign


def build_alerts(course: Course, run: RunAllowance) -> list[Alert]:
    return [
        *red_flag_alerts(course),
        *back_off_alerts(course),
        *volume_alerts(course, run),
        *rung_alerts(course),
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
    """WS-1..4: the pauses in force, then the week's other warning signs, each worded for
    today (v1.1: no "running pauses" once it has resumed, no "the check waits" once met)."""
    protocol = course.protocol
    alerts = []
    for reason, since in course.pauses.reasons.items():
        if reason in protocol.pausing_red_flags():
            continue
        sign = protocol.warning_sign(reason)
        text = _join(sign.action, sign.pause)
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
            if sign_id in course.pauses.reasons or any(a.rule == sign_id for a in alerts):
                continue
            sign = protocol.warning_sign(sign_id)
            text = _sign_text_after(course, sign, day)
            alerts.append(
                Alert(level="back_off", rule=sign_id, title=sign.title, text=text, since=day)
            )
    return alerts


def _sign_text_after(course: Course, sign: WarningSign, day: dt.date) -> str:
    """A warning sign of the last 7 days that does not hold a pause today."""
    gate = course.gate
    in_protect = gate.met_on is None or day < gate.met_on
    text = sign.action
    if isinstance(sign, PainLastsSign):  # WS-2 is worded for the stage it is shown in
        text = sign.in_protect if in_protect else text
        text = sign.in_progress if course.stage == "progress" else text
    if in_protect and day == gate.moved_to_break_on:
        text = _join(text, course.protocol.protect.moved_to_break)
    elif not in_protect and sign.pauses_running and course.stage != "paused":
        text = _join(text, sign.resumed)
    if gate.met_on is None:
        text = _join(text, sign.until_gate)
    return text


def _join(*sentences: str | None) -> str:
    return " ".join(s.strip() for s in sentences if s)


def volume_alerts(course: Course, run: RunAllowance) -> list[Alert]:
    """P1-2 / RTR-4: the week's running is over its cap (e.g. after an import), or what is
    left of the cap is less than the shortest run (v1.1: this week's running is done)."""
    cap = run.week_minutes_cap
    if cap is None or run.rule not in ("P1-2", "RTR-4"):
        return []
    done = run.week_minutes_done
    if done > cap:
        text = f"You have run {done:.0f} min this week, over this week's cap of {cap:.0f} min. "
        if run.rule == "RTR-4":
            text += (
                f"No more running until the week is over. Next week's cap grows from this "
                f"week's cap of {cap:.0f} min, not from the minutes run over it."
            )
        else:
            share = round(course.protocol.protect.reduced_cap_fraction * 100)
            text += (
                f"No more running until the week is over: on the reduced track a week holds at "
                f"most {share}% of your usual running."
            )
        title = "This week's running is over its cap"
        return [Alert(level="back_off", rule=run.rule, title=title, text=text)]
    shortest = course.protocol.progress.min_run_minutes
    single_run = course.volume.reduced_single_run_limit(course, cap)
    if run.rule == "P1-2" and not run.allowed and single_run < shortest:
        text = (
            f"Your reduced week is {cap:.0f} min, and a single run may take at most half of "
            f"it, less than the {shortest} min a run needs. So there is no running for now: "
            "cross-train instead, and running comes back through the return-to-run check."
        )
        return [Alert(level="info", rule="P1-2", title="Too small a week for a run", text=text)]
    left = math.floor(cap - done)
    if left >= shortest or course.history.on(course.date).runs:
        return []
    anchor = course.stage_since if run.rule == "RTR-4" else course.profile.start_date
    _first, last = week_window(anchor, course.date)
    next_week = last + ONE_DAY
    text = (
        f"This week's running is done: {left} of its {cap:.0f} min are left, less than the "
        f"{shortest} min a run needs. The next run comes with the new week on "
        f"{next_week:%a} {next_week.day} {next_week:%b}."
    )
    return [Alert(level="info", rule=run.rule, title="This week's running is done", text=text)]


def rung_alerts(course: Course) -> list[Alert]:
    """Keeping to the rung (v1.1): yesterday's return-week run was far over the rung, or on
    hills or track before RTR-5; the return week repeats."""
    stray = course.rung.strays.get(course.date - ONE_DAY)
    if stray is None:
        return []
    tolerance = course.protocol.rung_tolerance_minutes
    where = "" if stray.terrain in ("flat", "road") else f" on {stray.terrain}"
    text = f"Yesterday's run was {stray.minutes:.0f} min{where}; the plan was "
    if stray.rule == "RTR-5":
        text += (
            f"{stray.low}\u2013{stray.high} min on flat ground, as hills and track wait for "
            f"return week {course.hills_track_week}."
        )
    else:
        text += (
            f"{stray.low}\u2013{stray.high} min, and a run more than {tolerance} min over it "
            "is too big a step."
        )
    text += " This return week is repeated before you move on."
    return [rule_alert(course, stray.rule, text)]


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

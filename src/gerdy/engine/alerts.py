"""Alerts for the top of the day: red flags first (RED-*), then back-off signs (WS-*, RTR-7)
and the week's volume, then information (keeping to the rung, RED-8's low adherence, P1-5,
P1-6, runs waiting for answers). Red flags are shown every day until a clearance names them.
Each text is worded for the day it is shown on, names each consequence once with its end
date (v1.2), and a red flag or warning sign names the knee it came from (v1.2: the
profile's side; "either knee" for both)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from gerdy.engine.calendar import ONE_DAY, day_number, day_text, week_window
from gerdy.engine.course import Course
from gerdy.engine.milestones import step_up_date
from gerdy.engine.plan import RETURN_LADDER, RETURN_STAGES, Alert, RunAllowance, RunQuestion
from gerdy.engine.run_questions import runs_awaiting_answers
from gerdy.engine.stages import break_ends
from gerdy.engine.state import Stray
from gerdy.engine.volume import reduced_single_run_limit
from gerdy.protocol.schema import PainBuildsSign, PainLastsSign, StrengthPainSign, WarningSign

KNEE = {"left": "Left knee", "right": "Right knee", "both": "Either knee"}


def build_alerts(course: Course, run: RunAllowance) -> list[Alert]:
    return [
        *(with_side(course, alert) for alert in red_flag_alerts(course)),
        *(with_side(course, alert) for alert in back_off_alerts(course)),
        *gap_alerts(course),
        *volume_alerts(course, run),
        *rung_alerts(course),
        *info_alerts(course),
    ]


def with_side(course: Course, alert: Alert) -> Alert:
    """Knee side (v1.2): the alert names the knee it came from."""
    side = course.profile.side
    text = f"{KNEE[side]}: {alert.text}"
    return alert.model_copy(update={"side": side, "text": text})


def next_step_date(course: Course, since: dt.date) -> dt.date:
    """When running may step up again after a warning sign of `since` that holds it back
    (WS-2, WS-3): in a return week or `progress`, the week after next (the sign's week is
    repeated, or the next week's cap does not grow: RTR-1..4), as the milestone (RTR-8)
    says (later when this week is held back by more); in `protect`, the next programme
    week."""
    if course.stage.name == "protect":
        _first, last = week_window(course.profile.start_date, course.date)
        return last + ONE_DAY
    _first, last = week_window(course.stage.since, since)
    held_until = last + dt.timedelta(days=8)
    return max(held_until, step_up_date(course) or held_until)  # held longer by more since


def red_flag_alerts(course: Course) -> list[Alert]:
    alerts = []
    for flag in course.protocol.red_flags:  # in the protocol's order
        state = course.signs.red_flags.get(flag.id)
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
    pausing = course.pausing_flags()
    for reason, since in course.stage.paused_for.items():
        if reason in protocol.pausing_red_flags():
            continue
        sign = protocol.warning_sign(reason)
        text = _join(_action(course, sign, since), sign.pause)
        if reason == "WS-1":
            needed = protocol.pain_builds.resume_pain_free_days
            counted = min(course.streaks.pain_free_days, (course.date - since).days)
            text += f" ({counted} of {needed} pain-free check-in days so far.)"
        if pausing:  # the pause ends only when the red flags' does too (RED, v1.2)
            text += f" Running also waits for a professional to clear {', '.join(pausing)}."
        alerts.append(
            Alert(level="back_off", rule=reason, title=sign.title, text=text, since=since)
        )
    cap = course.signs.cap_minutes
    if cap is not None and course.signs.cap_since is not None:
        alerts.append(capped_run_alert(course, cap, course.signs.cap_since))
    week_start = course.date - dt.timedelta(days=6)
    days = [day for day in sorted(course.signs.warnings) if week_start <= day <= course.date]
    # a sign raised on several days is told once, as of its latest day (its consequence now)
    latest = {sign_id: day for day in days for sign_id in course.signs.warnings[day]}
    for day in days:
        for sign_id in course.signs.warnings[day]:
            if latest[sign_id] != day or sign_id in course.stage.paused_for:
                continue
            if any(a.rule == sign_id for a in alerts):
                continue
            sign = protocol.warning_sign(sign_id)
            said = _sign_text_after(course, sign, day)
            if said is None:
                continue
            alerts.append(
                Alert(level="back_off", rule=sign_id, title=sign.title, text=said, since=day)
            )
    return alerts


def capped_run_alert(course: Course, cap: int, since: dt.date) -> Alert:
    """WS-2 (v1.2): the cap on the next run, in minutes, until that run is logged."""
    sign = course.protocol.pain_lasts
    template = sign.in_progress if course.stage.name == "progress" else sign.action
    text = template.strip().format(minutes=cap, date=day_text(next_step_date(course, since)))
    return Alert(level="back_off", rule=sign.id, title=sign.title, text=text, since=since)


def _sign_text_after(course: Course, sign: WarningSign, day: dt.date) -> str | None:
    """A warning sign of the last 7 days that does not hold a pause today, one sentence per
    consequence that applies (v1.2); None when it has nothing left to say (WS-2 after the
    capped run)."""
    gate = course.gate
    in_protect = gate.met_on is None or day < gate.met_on
    text = _action(course, sign, day)
    if isinstance(sign, PainLastsSign):  # WS-2 is worded for the stage it is shown in
        if not in_protect:
            return None  # its cap was the consequence, and the capped run is logged
        text = sign.in_protect
    moved = in_protect and day == gate.moved_to_break_on and sign.id == gate.moved_to_break_by
    if moved:
        text = _join(text, _moved_to_break(course))
    elif isinstance(sign, StrengthPainSign) and _running_grows(course):
        text = _join(text, sign.no_step_up.format(date=day_text(next_step_date(course, day))))
    elif not in_protect and sign.pauses_running and course.stage.name != "paused":
        text = _join(text, sign.resumed)
    if gate.met_on is None:
        text = _join(text, sign.until_gate)
    return text


def _action(course: Course, sign: WarningSign, day: dt.date) -> str:
    """What to do at the sign, on its day; WS-1's "stop running" on the days after is told
    as what happened (beside a run offered again, it would contradict it)."""
    if isinstance(sign, PainBuildsSign) and day < course.date:
        return sign.action_later.strip().format(date=day_text(day))
    return sign.action


def _running_grows(course: Course) -> bool:
    """Whether the runner has a running week that could step up (not the break, no pause)."""
    return course.stage.name in RETURN_LADDER or (
        course.stage.name == "protect" and course.stage.track == "reduced"
    )


def _moved_to_break(course: Course) -> str:
    """P1-2: the move to the break track and the first day a run may come (v1.2)."""
    ends = break_ends(course)
    return course.protocol.protect.moved_to_break.strip().format(date=day_text(ends))


def gap_alerts(course: Course) -> list[Alert]:
    """RTR-7 (v1.2): back after a gap, the plan asks for a check-in first."""
    stage = course.stage
    if stage.gap_since is None:
        return []
    rule = course.protocol.back_after_gap.rule
    lower = stage.gap_resumes_at or stage.name
    text = (
        f"There was no check-in on the {stage.gap_days} days before "
        f"{day_text(stage.gap_since)}. Check in first: running then picks up again at "
        f"{stage_words(lower)}, one return week lower than before."
    )
    title = course.protocol.rules[rule].title
    return [Alert(level="back_off", rule=rule, title=title, text=text, since=stage.gap_since)]


def stage_words(stage: str) -> str:
    if stage in RETURN_STAGES:
        return f"return week {RETURN_STAGES.index(stage) + 1}"
    return stage


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
    single_run = reduced_single_run_limit(course, cap)
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
    anchor = course.stage.since if run.rule == "RTR-4" else course.profile.start_date
    _first, last = week_window(anchor, course.date)
    next_week = last + ONE_DAY
    text = (
        f"This week's running is done: {left} of its {cap:.0f} min are left, less than the "
        f"{shortest} min a run needs. The next run comes with the new week on "
        f"{next_week:%a} {next_week.day} {next_week:%b}."
    )
    return [Alert(level="info", rule=run.rule, title="This week's running is done", text=text)]


def rung_alerts(course: Course) -> list[Alert]:
    """Keeping to the rung (v1.1, v1.2): a run off what the plan offered, on the day it was
    logged (so an edge can show it as soon as the run is saved) and the next day, with its
    consequence."""
    alerts = []
    for when, date in (("Yesterday's", course.date - ONE_DAY), ("Today's", course.date)):
        stray = course.volume.strays.get(date)
        if stray is not None:
            text = f"{when} run was {_stray_run(stray)}; {_stray_plan(course, stray)}"
            alert = rule_alert(course, stray.rule, _join(text, _consequence(stray)))
            alerts.append(alert.model_copy(update={"since": stray.date}))
    return alerts


def _stray_run(stray: Stray) -> str:
    where = "" if stray.terrain in ("flat", "road") else f" on {stray.terrain}"
    return f"{stray.minutes:.0f} min{where}"


def _stray_plan(course: Course, stray: Stray) -> str:
    protocol = course.protocol
    if not stray.offered:
        reason = f" ({stray.reason})" if stray.reason else ""
        return f"the plan offered no run that day{reason}."
    planned = f"{stray.low}\u2013{stray.high} min" if stray.low else f"up to {stray.high} min"
    if stray.rule == protocol.hills_track.rule:
        return f"the plan was {planned} on flat ground, as hills and track wait ({stray.rule})."
    if stray.stage == "progress":
        share = round(protocol.progress.overrun_fraction * 100)
        return f"the plan was {planned}, and a run more than {share}% over it is too big a step."
    tolerance = protocol.rung_tolerance_minutes
    return f"the plan was {planned}, and a run more than {tolerance} min over it is too big a step."


def _consequence(stray: Stray) -> str:
    if stray.stage in RETURN_STAGES:
        return "This return week is repeated before you move on."
    if stray.stage == "progress":
        return "Next week's running cap does not grow."
    if stray.stage == "paused":
        return "Running waits until the pause is over."
    return "Keep to the runs the plan offers."


def unrated_runs_alert(course: Course) -> list[Alert]:
    """Answered, never assumed (v1.2): runs of the last days without their pain answers
    (pain during, or pain 2 h after: the 2-hour question) cannot count as pain-free: ask for
    the answers, saying what they decide at this stage (`_why_rate`)."""
    waiting = runs_awaiting_answers(course)
    if not waiting:
        return []
    noun = "run needs" if len(waiting) == 1 else "runs need"
    rule, why = _why_rate(course, waiting)
    text = (
        f"{len(waiting)} {noun} a pain rating (pain during the run, and pain 2 h after it): {why}"
    )
    return [Alert(level="info", rule=rule, title="Rate your runs", text=text)]


def _why_rate(course: Course, waiting: Sequence[RunQuestion]) -> tuple[str, str]:
    """The rule a run's answers decide today: passing a return week (RTR-1..3), the longest
    pain-free run that sets the next (RTR-4), else the warning signs they would show (WS-1
    for pain building up during the run, WS-2 for pain lasting after it)."""
    if course.stage.name in RETURN_STAGES:
        rule = course.protocol.return_week(course.stage.name).rule
        return rule, "a return week is passed only on runs rated pain-free."
    if course.stage.name == "progress":
        return "RTR-4", (
            "only a run rated pain-free counts as your longest pain-free run, which sets how "
            "long the next one may be."
        )
    rule = "WS-1" if any("pain_during" in q.missing for q in waiting) else "WS-2"
    return rule, (
        "your answers tell whether the run showed a warning sign (pain that built up during "
        "it, or pain lasting more than 2 h after it)."
    )


def low_adherence_alert(course: Course) -> list[Alert]:
    """RED-8 (v1.2): not better, and fewer than 2/3 of the sessions done: the rate, and that
    the plan works when it is done."""
    found = course.signs.low_adherence
    if found is None:
        return []
    done, prescribed = found
    percent = round(100 * done / prescribed) if prescribed else 0
    flag = course.protocol.not_improving
    text = flag.low_adherence.strip().format(done=done, prescribed=prescribed, percent=percent)
    return [Alert(level="info", rule=flag.id, title=flag.title, text=text)]


def rule_alert(course: Course, rule: str, text: str) -> Alert:
    """An information alert headed by its rule's own title."""
    return Alert(level="info", rule=rule, title=course.protocol.rules[rule].title, text=text)


def info_alerts(course: Course) -> list[Alert]:
    protocol = course.protocol
    alerts = []
    day = day_number(course.profile.start_date, course.date)
    if day <= protocol.protect.heat_free_days:
        alerts.append(rule_alert(course, "P1-5", protocol.why("P1-5")))
    if course.stage.name == "protect":
        alerts.append(rule_alert(course, "P1-6", " ".join(protocol.protect.donts)))
    alerts.extend(low_adherence_alert(course))
    alerts.extend(unrated_runs_alert(course))
    return alerts

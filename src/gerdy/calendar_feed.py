"""The rehab plan as an iCalendar feed (RFC 5545): one event per day with something to do.

`ics_for_plans(plans, record_key=..., tz=...)` is a pure function of the engine's DayPlans: no
clock, no I/O, the same input gives the same bytes. The web app serves it as a download or a
subscription (`text/calendar; charset=utf-8`).

Choices, so a calendar app does the right thing:

- **Stable UIDs.** Each day's event has the UID `YYYYMMDD-rehab@<key>.gerdy`, where `<key>` is a
  hash of `record_key` (so no email or user id leaks into the file). The UID depends only on the
  record and the date, never on the day's content, so re-importing or refreshing a subscription
  updates the day's event instead of adding a second one. (A day that no longer has anything to
  do simply has no event: a subscribed calendar drops it on refresh; a one-off import keeps the
  old copy, as files cannot delete events without a cancellation.)
- **Floating local times.** Sessions start at `session_time` as *floating* times (no `TZID`, no
  `Z`): 07:30 stays 07:30 wherever the runner is, which is what a daily exercise reminder should
  do, and it needs no `VTIMEZONE`. When `tz` is given it is written as `X-WR-TIMEZONE`, the hint
  Google, Apple and Outlook use to place floating times for a subscribed calendar.
- **Deterministic DTSTAMP.** Taken from `stamp` when given (a UTC moment, e.g. when the plan was
  last changed), else the first plan's date at 00:00 UTC. No wall clock is read here.
- **Reminders.** Every event carries a `VALARM` (`ACTION:DISPLAY`). By default it rings
  `reminder_minutes` before the session. With `reminder_at` (the time of day the runner chose
  in Settings) the session starts at that time and the alarm rings then *in the runner's time
  zone*: an absolute trigger in UTC (`TRIGGER;VALUE=DATE-TIME:...Z`, as RFC 5545 requires),
  worked out per day, so summer time is right. Without a zone the alarm rings at the floating
  start itself (a relative trigger of zero).
- **Text.** The `icalendar` library writes the file: it escapes TEXT values, folds content lines
  at 75 octets without splitting a UTF-8 character, and ends every line in CRLF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from gerdy.engine.plan import DayPlan, Task
from gerdy.formatting import dose_text, in_units, span

PRODID = "-//gerdy//rehab plan//EN"
CALENDAR_NAME = "gerdy rehab plan"
CALENDAR_DESCRIPTION = "Your IT band rehab sessions from gerdy"
REFRESH = dt.timedelta(days=1)  # how often a subscribed calendar should fetch the feed again

# What makes a day worth an event, and how it is named in the title (in this order).
SUMMARY_PARTS: tuple[tuple[str, str], ...] = (
    ("strength", "strength"),
    ("run", "run"),
    ("roll", "rolling"),
    ("stretch", "stretches"),
)
EVENT_KINDS = frozenset(kind for kind, _ in SUMMARY_PARTS)
SECTION_TITLES = {
    "roll": "Foam rolling",
    "stretch": "Stretches",
    "activation": "Activation before the run",
    "strength": "Strength session",
    "run": "Run",
    "cross": "Cross-training",
    "ice": "Afterwards",
}
SESSION_TIME = dt.time(7, 30)  # when sessions start unless the runner chose a reminder time
REMINDER_MINUTES = 30  # ... and how long before that the default reminder rings
STRENGTH_MINUTES = 30  # a full session with rests, set by set
RUN_EXTRA_MINUTES = 10  # warm-up and cool-down walking around the allowed minutes


def ics_for_plans(
    plans: Sequence[DayPlan],
    *,
    record_key: str,
    tz: str | None,
    reminder_minutes: int = REMINDER_MINUTES,
    session_time: dt.time = SESSION_TIME,
    units: str = "metric",
    stamp: dt.datetime | None = None,
    day_url: Callable[[dt.date], str] | None = None,
    reminder_at: dt.time | None = None,
) -> str:
    """The iCalendar text (CRLF line ends) for these day plans; see the module doc.

    `record_key` identifies the runner's record (any string; only its hash is written).
    `tz` is an IANA zone name or None. `day_url`, if given, adds each day's link (URL).
    `reminder_at`, if given, is when sessions start and their alarms ring (see the module doc).
    Raises ValueError for an empty key, a negative reminder or an unknown zone.
    """
    if not record_key:
        raise ValueError("record_key must not be empty")
    if reminder_minutes < 0:
        raise ValueError("reminder_minutes must be 0 or more")
    if tz is not None:
        _check_zone(tz)
    if units not in ("metric", "imperial"):
        raise ValueError(f"unknown units {units!r}")
    if stamp is None:
        first = min((plan.date for plan in plans), default=dt.date(2000, 1, 1))
        stamp = dt.datetime.combine(first, dt.time(0, 0), tzinfo=dt.UTC)
    elif stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware")
    key = record_hash(record_key)
    alarm_at = None
    if reminder_at is not None:
        session_time = reminder_at
        alarm_at = _ring_at(reminder_at, tz)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-wr-caldesc", CALENDAR_DESCRIPTION)
    if tz is not None:
        calendar.add("x-wr-timezone", tz)
    calendar.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    for plan in sorted(plans, key=lambda p: p.date):
        if has_session(plan):
            calendar.add_component(
                _event(plan, key, stamp, session_time, reminder_minutes, units, day_url, alarm_at)
            )
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def _event(
    plan: DayPlan,
    key: str,
    stamp: dt.datetime,
    session_time: dt.time,
    reminder_minutes: int,
    units: str,
    day_url: Callable[[dt.date], str] | None,
    alarm_at: Callable[[dt.date], dt.datetime | dt.timedelta] | None = None,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid(plan.date, key))
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", dt.datetime.combine(plan.date, session_time))  # floating: no zone
    event.add("duration", dt.timedelta(minutes=session_minutes(plan)))
    event.add("summary", summary(plan))
    event.add("description", description(plan, units))
    event.add("transp", "TRANSPARENT")
    if day_url is not None:
        event.add("url", day_url(plan.date))
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary(plan))
    if alarm_at is None:
        alarm.add("trigger", -dt.timedelta(minutes=reminder_minutes))
    else:
        ring = alarm_at(plan.date)
        absolute = {"VALUE": "DATE-TIME"} if isinstance(ring, dt.datetime) else {}
        alarm.add("trigger", ring, parameters=absolute)
    event.add_component(alarm)
    return event


def _ring_at(
    reminder_at: dt.time, tz: str | None
) -> Callable[[dt.date], dt.datetime | dt.timedelta]:
    """When a day's alarm rings: `reminder_at` that day in `tz`, as a UTC moment; without a
    zone, at the (floating) start of the session."""
    if tz is None:
        return lambda _date: dt.timedelta(0)
    zone = ZoneInfo(tz)
    return lambda date: dt.datetime.combine(date, reminder_at, tzinfo=zone).astimezone(dt.UTC)


# --- events ------------------------------------------------------------------------------------
def record_hash(record_key: str) -> str:
    return hashlib.sha256(record_key.encode("utf-8")).hexdigest()[:20]


def event_uid(date: dt.date, key: str) -> str:
    """Depends on the record and the date only, so a re-import updates the day's event."""
    return f"{date:%Y%m%d}-rehab@{key}.gerdy"


def session_tasks(plan: DayPlan) -> list[Task]:
    return [task for task in plan.tasks if task.kind in EVENT_KINDS]


def has_session(plan: DayPlan) -> bool:
    """A day gets an event when it has strength, a run, rolling or stretching (ice and the
    optional cross-training alone do not make a session)."""
    return any(not task.optional for task in session_tasks(plan))


def summary(plan: DayPlan) -> str:
    """'gerdy: strength + rolling + stretches' (required parts; optional ones not named)."""
    kinds = {task.kind for task in session_tasks(plan) if not task.optional}
    parts = [label for kind, label in SUMMARY_PARTS if kind in kinds]
    return "gerdy: " + " + ".join(parts)


def session_minutes(plan: DayPlan) -> int:
    """A rough length for the calendar block, rounded up to 5 minutes (at least 15)."""
    seconds = 0.0
    for task in plan.tasks:
        if task.optional or task.kind in ("cross", "ice"):
            continue
        if task.kind == "strength":
            continue  # counted once below
        if task.kind == "run":
            seconds += 60 * ((task.minutes_max or task.minutes or 0) + RUN_EXTRA_MINUTES)
        elif task.seconds is not None:
            each = task.seconds_max or task.seconds
            sides = 2 if task.per_side else 1
            seconds += (each * sides + 30) * (task.sets or 1)
        else:
            seconds += 4 * 60  # activation and anything counted in reps
    if any(task.kind == "strength" and not task.optional for task in plan.tasks):
        seconds += STRENGTH_MINUTES * 60
    return max(15, 5 * math.ceil(seconds / 300))


def task_line(task: Task, units: str) -> str:
    text = task.title
    dose = dose_text(task)
    if dose:
        text += f": {dose}"
    if task.level:
        text += f" ({in_units(task.level, units)})"
    if task.options:
        text += f" ({', '.join(task.options)})"
    text += f" [{task.rule}]"
    if task.optional:
        text += " (optional)"
    if task.done:
        text += " (done)"
    lines = [f"- {text}"]
    lines += [f"  {in_units(note, units)}" for note in task.notes]
    return "\n".join(lines)


def description(plan: DayPlan, units: str) -> str:
    """The day's alerts first, then its tasks grouped in the order to do them."""
    out: list[str] = []
    for alert in plan.alerts:
        if alert.level in ("red_flag", "back_off"):
            out.append(f"! {alert.rule}: {alert.text}")
    if out:
        out.append("")
    stage = plan.stage.replace("-", " ")
    out.append(f"Day {plan.day}, week {plan.week} ({stage})")
    for kind, tasks in _grouped(plan.tasks):
        out.append("")
        out.append(SECTION_TITLES.get(kind, kind.capitalize()))
        out += [task_line(task, units) for task in tasks]
    if plan.run.allowed and plan.run.week_minutes_cap is not None:
        done = f"{plan.run.week_minutes_done:g} min done"
        cap = span(0, plan.run.week_minutes_cap, "min")
        out += ["", f"Running this week: {done}, {cap} [{plan.run.rule}]"]
    return "\n".join(out)


def _grouped(tasks: Iterable[Task]) -> list[tuple[str, list[Task]]]:
    groups: list[tuple[str, list[Task]]] = []
    for task in tasks:
        if groups and groups[-1][0] == task.kind:
            groups[-1][1].append(task)
        else:
            groups.append((task.kind, [task]))
    return groups


def _check_zone(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}") from exc


__all__ = ["PRODID", "event_uid", "ics_for_plans", "record_hash"]

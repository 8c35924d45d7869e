"""The .ics feed: RFC 5545 structure, folding, escaping, stable UIDs, one event per session day,
and a round trip through the `icalendar` parser."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from gerdy.calendar_feed import PRODID, event_uid, ics_for_plans, record_hash
from gerdy.domain.events import Event, parse_event
from gerdy.domain.profile import Profile
from gerdy.engine import DayPlan, plan_days
from gerdy.protocol import load_protocol

PROTOCOL = load_protocol()
START = dt.date(2024, 1, 1)  # a Monday
KEY = "record-42"


def make_plans(
    events: list[Event] | None = None, days: int = 21, **profile: object
) -> list[DayPlan]:
    fields: dict[str, object] = {
        "start_date": START,
        "side": "left",
        "baseline_weekly_run_minutes": 100,
        "track": "break",
    }
    fields.update(profile)
    return plan_days(
        PROTOCOL,
        Profile.model_validate(fields),
        events or [],
        START,
        START + dt.timedelta(days=days - 1),
    )


def feed(plans: list[DayPlan], **options: Any) -> str:
    """The feed of these plans, for record KEY in Berlin unless the options say otherwise."""
    kwargs: dict[str, Any] = {"record_key": KEY, "tz": "Europe/Berlin", **options}
    return ics_for_plans(plans, **kwargs)


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def events_of(text: str) -> dict[str, icalendar.cal.Component]:
    return {str(e["UID"]): e for e in parse(text).walk("VEVENT")}


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_calendar_structure() -> None:
    text = feed(make_plans())
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = unfolded(text)
    for line in (
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:gerdy rehab plan",
        "X-WR-TIMEZONE:Europe/Berlin",
    ):
        assert line in lines
    # every line ends in CRLF; no bare LF anywhere
    assert "\n" not in text.replace("\r\n", "")
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    assert lines.count("BEGIN:VALARM") == lines.count("BEGIN:VEVENT")


def test_parses_back_with_icalendar() -> None:
    plans = make_plans()
    calendar = parse(feed(plans))
    assert str(calendar["PRODID"]) == PRODID
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.datetime) and start.tzinfo is None  # floating local time
        assert start.time() == dt.time(7, 30)
        assert event.decoded("DURATION") >= dt.timedelta(minutes=15)
        assert str(event["SUMMARY"]).startswith("gerdy: ")
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == -dt.timedelta(minutes=30)


def test_one_event_per_day_with_a_session() -> None:
    plans = make_plans()
    events = events_of(feed(plans))
    session_days = [p for p in plans if any(t.kind in ("strength", "run", "roll", "stretch")
                                            and not t.optional for t in p.tasks)]  # fmt: skip
    assert session_days
    assert len(events) == len(session_days)
    starts = sorted(e.decoded("DTSTART").date() for e in events.values())
    assert starts == [p.date for p in session_days]


def test_days_without_a_session_get_no_event() -> None:
    """Ice and optional cross-training alone make no calendar event."""
    plans = make_plans(days=3)
    rest = plans[1].model_copy(
        update={"tasks": tuple(t for t in plans[1].tasks if t.kind in ("cross", "ice"))}
    )
    assert rest.tasks
    events = events_of(feed([plans[0], rest, plans[2]]))
    dates = sorted(e.decoded("DTSTART").date() for e in events.values())
    assert dates == [plans[0].date, plans[2].date]


def test_summary_and_description_name_the_tasks() -> None:
    plans = make_plans()
    monday = next(p for p in plans if p.date == dt.date(2024, 1, 8))  # a strength day
    event = events_of(feed([monday]))[event_uid(monday.date, record_hash(KEY))]
    assert str(event["SUMMARY"]) == "gerdy: strength + rolling + stretches"
    description = str(event["DESCRIPTION"])
    assert "Clamshell: 3 \u00d7 15 per side (No band) [ST-1]" in description
    assert "Front-of-hip (TFL) roll: 60\u201390 s per side [FR-1]" in description
    assert "Single-leg box squat: 3 \u00d7 8 per side (Box 50 cm high) [ST-6]" in description
    imperial = events_of(feed([monday], units="imperial"))
    assert "(Box 20 in high)" in str(next(iter(imperial.values()))["DESCRIPTION"])


def test_uids_are_stable_and_keyed_by_record() -> None:
    plans = make_plans()
    first, second = feed(plans), feed(plans)
    assert first == second  # deterministic: no clock, no randomness
    uids = list(events_of(first))
    assert all(re.fullmatch(r"\d{8}-rehab@[0-9a-f]{20}\.gerdy", uid) for uid in uids)
    assert len(uids) == len(set(uids))
    assert KEY not in first  # only a hash of the record key is written
    other = events_of(feed(plans, record_key="record-43"))
    assert not set(uids) & set(other)


def test_regeneration_after_a_new_event_updates_but_keeps_uids() -> None:
    before_events: list[Event] = []
    before = events_of(feed(make_plans(before_events)))
    # pain-free check-ins and a pain-free session on day 8 meet the return-to-run gate: from
    # then on the plan's days change (runs come back), their UIDs do not
    after_events: list[Event] = [
        parse_event({"type": "checkin", "date": (START + dt.timedelta(days=i)).isoformat(),
                     "pain_daily": 0})
        for i in range(8)
    ]  # fmt: skip
    after_events.append(
        parse_event(
            {
                "type": "strength",
                "date": "2024-01-08",
                "exercises": [
                    {"id": e.id, "sets": [e.dose.range.max] * 3, "pain": 0}
                    for e in PROTOCOL.exercises_of("strength")
                ],
            }
        )
    )
    after = events_of(feed(make_plans(after_events), stamp=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)))
    common = set(before) & set(after)
    assert common
    changed = [
        uid for uid in common if before[uid]["DESCRIPTION"] != after[uid]["DESCRIPTION"]
        or before[uid]["SUMMARY"] != after[uid]["SUMMARY"]
    ]  # fmt: skip
    assert changed, "the new events changed some days' content"
    for uid in common:  # same UID, same day
        assert before[uid].decoded("DTSTART") == after[uid].decoded("DTSTART")


def test_dtstamp_is_fixed_or_given() -> None:
    plans = make_plans(days=3)
    lines = unfolded(feed(plans))
    assert "DTSTAMP:20240101T000000Z" in lines
    stamp = dt.datetime(2024, 1, 2, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert "DTSTAMP:20240102T081500Z" in unfolded(feed(plans, stamp=stamp))
    with pytest.raises(ValueError, match="stamp must be timezone-aware"):
        feed(plans, stamp=dt.datetime(2024, 1, 2, 9, 15))


def test_options() -> None:
    plans = make_plans(days=2)
    text = feed(plans, tz=None, reminder_minutes=0, session_time=dt.time(18, 0),
                day_url=lambda d: f"https://gerdy.example/today?date={d}")  # fmt: skip
    lines = unfolded(text)
    assert not any(line.startswith("X-WR-TIMEZONE") for line in lines)
    alarm = next(iter(events_of(text).values())).walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == dt.timedelta(0)
    assert "DTSTART:20240101T180000" in lines
    assert "URL:https://gerdy.example/today?date=2024-01-01" in lines
    for bad, message in (({"tz": "Mars/Olympus"}, "unknown time zone"),
                         ({"reminder_minutes": -5}, "reminder_minutes must be 0 or more"),
                         ({"record_key": ""}, "record_key must not be empty"),
                         ({"units": "furlongs"}, "unknown units")):  # fmt: skip
        with pytest.raises(ValueError, match=message):
            feed(plans, **bad)


def test_empty_plan_list_is_a_valid_empty_calendar() -> None:
    calendar = parse(feed([]))
    assert calendar.walk("VEVENT") == []


# --- text rules ----------------------------------------------------------------------------------
def with_first_title(title: str) -> DayPlan:
    plan = make_plans(days=1)[0]
    task = plan.tasks[0].model_copy(update={"title": title})
    return plan.model_copy(update={"tasks": (task, *plan.tasks[1:])})


def test_escaping() -> None:
    """Backslash, semicolon and comma are escaped and line breaks written as \\n."""
    text = feed([with_first_title("a\\b;c,d\ne\r\nf")])
    assert "a\\\\b\\;c\\,d\\ne\\nf" in "".join(unfolded(text))


def test_no_line_longer_than_75_octets() -> None:
    text = feed(make_plans())
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75


@pytest.mark.parametrize("char", ["é", "\u2013", "\u00d7", "😀"])
def test_folding_keeps_multibyte_characters_whole(char: str) -> None:
    title = "".join(f"{char}x{i}" for i in range(80))
    text = feed([with_first_title(title)])
    physical = text.split("\r\n")[:-1]
    continued = [piece for piece in physical if piece.startswith(" ")]
    assert continued  # the long description was folded
    for piece in physical:
        raw = piece.encode("utf-8")
        assert len(raw) <= 75
        raw.decode("utf-8")  # each physical line is whole UTF-8: no character was split
    assert title in "".join(unfolded(text))


def test_special_characters_round_trip() -> None:
    """Text with every escaped character and multi-byte letters survives a parser."""
    plans = make_plans(days=1)
    plan = plans[0]
    tricky = "Cross; with, commas\\ and a\nnew line \u2013 ünïcödé 😀 " * 3
    task = plan.tasks[0].model_copy(update={"title": tricky})
    plan = plan.model_copy(update={"tasks": (task, *plan.tasks[1:])})
    text = feed([plan])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    event = next(iter(events_of(text).values()))
    assert tricky in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("tz", "winter_utc", "summer_utc"),
    [
        ("America/New_York", dt.time(23, 15), dt.time(22, 15)),  # EST -5, EDT -4
        ("Europe/Berlin", dt.time(17, 15), dt.time(16, 15)),  # CET +1, CEST +2
        ("Asia/Kolkata", dt.time(12, 45), dt.time(12, 45)),  # +5:30, no summer time
    ],
)
def test_reminders_ring_at_the_chosen_time_in_the_runners_zone(
    tz: str, winter_utc: dt.time, summer_utc: dt.time
) -> None:
    winter = make_plans(days=2)
    summer = plan_days(
        PROTOCOL,
        Profile(start_date=START, side="left", baseline_weekly_run_minutes=100, track="break"),
        [],
        dt.date(2024, 7, 1),
        dt.date(2024, 7, 2),
    )
    for plans, utc in ((winter, winter_utc), (summer, summer_utc)):
        text = feed(plans, tz=tz, reminder_at=dt.time(18, 15))
        events = list(parse(text).walk("VEVENT"))
        assert events
        for event in events:
            date = event.decoded("DTSTART").date()
            assert event.decoded("DTSTART") == dt.datetime.combine(date, dt.time(18, 15))
            alarms = event.walk("VALARM")
            assert len(alarms) == 1
            trigger = alarms[0].decoded("TRIGGER")
            assert trigger == dt.datetime.combine(date, utc, tzinfo=dt.UTC), (tz, date)
            local = trigger.astimezone(ZoneInfo(tz))
            assert (local.date(), local.time()) == (date, dt.time(18, 15))
        assert "TRIGGER;VALUE=DATE-TIME:" in text


def test_a_reminder_without_a_zone_rings_at_the_start_of_the_floating_session() -> None:
    text = feed(make_plans(days=2), tz=None, reminder_at=dt.time(6, 45))
    event = next(iter(events_of(text).values()))
    assert event.decoded("DTSTART").time() == dt.time(6, 45)
    assert event.decoded("DTSTART").tzinfo is None
    assert event.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(0)

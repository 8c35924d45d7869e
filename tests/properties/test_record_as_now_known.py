"""The record as now known (v1.2): a correction or retraction replaces the original event for
every date's plan, whatever the date on which it was recorded. A plan for a past date is the
plan of a fresh record that holds only the events as corrected (Hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gerdy.domain.events import Event, Retraction, effective_events
from gerdy.engine import plan_day

from .examples import examples
from .strategies import PROTOCOL, Scenario, disturbed_day, scenarios


def with_ids(events: tuple[Event, ...]) -> list[Event]:
    return [event.model_copy(update={"id": f"e{n}"}) for n, event in enumerate(events)]


def fresh(events: list[Event]) -> list[Event]:
    """A record holding only the events that count, as if never corrected."""
    return [event.model_copy(update={"supersedes": None}) for event in effective_events(events)]


@examples(40)
@given(scenarios(max_days=40), st.data())
def test_record_as_now_known_corrections_and_retractions_apply_to_every_past_date(
    scenario: Scenario, data: st.DataObject
) -> None:
    events = with_ids(scenario.events)
    if not events:
        return
    dates = scenario.dates()
    changed = data.draw(st.sampled_from(events), label="changed event")
    recorded_on = data.draw(st.sampled_from(dates), label="date of the change")
    if data.draw(st.booleans(), label="retract"):
        change: Event = Retraction(id="change", date=recorded_on, retracts=str(changed.id))
    else:
        options: list[Event] = disturbed_day(data.draw, recorded_on, 10)
        if not options:
            return
        change = options[0].model_copy(update={"id": "change", "supersedes": changed.id})
    record = [*events, change]
    expected_record = fresh(record)
    for date in dates:
        assert plan_day(PROTOCOL, scenario.profile, record, date) == plan_day(
            PROTOCOL, scenario.profile, expected_record, date
        ), date

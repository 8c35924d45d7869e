"""Protocol v1.2's vocabulary, one test (or a few) per term, named by the rule it serves:
answered never assumed, the 2-hour question, the record as now known, one run not two, knee
side and plausible entries."""

from __future__ import annotations

from .conftest import Rehab

# --- the record as now known ----------------------------------------------------------------


def test_rtr_1_a_correction_moving_a_run_to_the_next_day_applies_to_the_earlier_days_plan(
    rehab: Rehab,
) -> None:
    """A correction recorded on day 13 that moves day 12's run to day 13: day 12's plan no
    longer sees a run on day 12 (as `plan` did, and `today --date` did not)."""
    gate = rehab.climb("return-1", gate=10)
    moved = rehab.run(gate + 2, 12)
    assert rehab.plan(gate + 2).run.allowed is False  # ran that day
    rehab.add(gate + 3, "run", minutes=12, pain_during=0, pain_after_hours=0,
              supersedes=moved.id)  # fmt: skip
    day_12 = rehab.plan(gate + 2)
    assert day_12.run.allowed is True
    assert day_12.run.week_minutes_done == 0
    assert rehab.plan(gate + 3).run.allowed is False  # the run is on day 13 now


def test_rtr_0_a_retraction_recorded_later_takes_the_checkin_back_on_its_own_day(
    rehab: Rehab,
) -> None:
    rehab.checkins(1, 7)
    swollen = rehab.checkin(8, swelling=True)
    rehab.strength(8)
    assert rehab.plan(8).gate.met is False
    rehab.add(9, "retraction", retracts=swollen.id)
    assert rehab.plan(8).gate.met is True  # day 8's plan reads the record as now known

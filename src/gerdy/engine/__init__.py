"""The rules engine: pure functions from (protocol, profile, events, date) to a DayPlan.

No I/O, no clock, no randomness. `planner` holds the entry points: it replays the course day
by day (`day`: every rule in the order it runs, the one place that order is written) and
reads each day's plan from it. The course (`course`) holds six small states (`state`:
stage, gate, signs, streaks, doses, volume); the rules that move them are `stages` (the
ladder, the gate, pauses, RTR-7, settings changes), `signs` (red flags, warning signs),
`strength` (doses), `rung` (keeping to the rung), `volume` (week caps, WS-2's cap) and
`not_improving` (RED-8). What the day shows is read by `running` (the run allowance),
`tasks`, `alerts`, `milestones`, `run_questions` and `cadence` (RF-1); `dosing`,
`schedule`, `gate`, `red_flags`, `vocabulary` and `plausible` are pure helpers.
"""

from gerdy.engine.plan import DayPlan, DayProgress
from gerdy.engine.planner import plan_day, plan_days, progress_days

__all__ = ["DayPlan", "DayProgress", "plan_day", "plan_days", "progress_days"]

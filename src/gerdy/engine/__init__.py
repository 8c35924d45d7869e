"""The rules engine: pure functions from (protocol, profile, events, date) to a DayPlan.

No I/O, no clock, no randomness. Each module owns one part of the spec: `course` replays the
stages day by day, `running` the run allowance, `dosing` the adaptive strength dose,
`schedule` the strength days, `gate` RTR-0, `red_flags` the RED screen, `cadence` RF-1,
`tasks` and `alerts` what the day shows, `planner` the entry points.
"""

from gerdy.engine.plan import DayPlan, DayProgress
from gerdy.engine.planner import plan_day, plan_days, progress_days

__all__ = ["DayPlan", "DayProgress", "plan_day", "plan_days", "progress_days"]

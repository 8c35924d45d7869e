"""Presentation helpers shared by pages and the API: task order, alert titles, labels of
symptoms and units. They format what the engine decided; they decide nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from gerdy.engine.plan import Alert, Task

# The order the Today page shows: roll -> stretch -> strength -> (warm-up) run/cross -> ice.
TASK_ORDER = {"roll": 0, "stretch": 1, "strength": 2, "activation": 3, "run": 4, "cross": 4}
TICKABLE = frozenset({"roll", "stretch", "strength", "run", "cross"})
# Check-in symptoms (the gerdy/1 Checkin fields) and the question each answers.
SYMPTOMS: tuple[tuple[str, str], ...] = (
    ("swelling", "Is the knee swollen?"),
    ("instability", "Does the knee feel unstable, like it might give way?"),
    ("locking", "Does the knee lock or catch?"),
    ("numbness", "Any numbness or tingling in the lower leg or foot?"),
    ("cannot_bear_weight", "Are you unable to put full weight on the leg?"),
    ("front_of_knee", "Is the pain mostly at the front, around the kneecap?"),
    ("tender_swelling", "Is there a tender, swollen lump on the outside of the knee?"),
    ("worse_knee_pushed_outward", "Is it worse when the knee is pushed outward?"),
)
SESSION_KINDS = ("roll", "stretch", "strength")


def ordered_tasks(tasks: Sequence[Task]) -> list[Task]:
    return sorted(tasks, key=lambda task: TASK_ORDER.get(task.kind, 5))


def urgent_first(alerts: Sequence[Alert]) -> list[Alert]:
    rank = {"red_flag": 0, "back_off": 1, "info": 2}
    return sorted(alerts, key=lambda alert: rank[alert.level])

"""Presentation helpers shared by pages and the API: which tasks can be ticked, labels of
symptoms and units. They format what the engine decided; they decide nothing.
"""

from __future__ import annotations

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

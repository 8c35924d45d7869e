"""Presentation helpers shared by pages and the API: which tasks can be ticked, labels of
symptoms and units. They format what the engine decided; they decide nothing.
"""

from __future__ import annotations

from gerdy.protocol import load_protocol

TICKABLE = frozenset({"roll", "stretch", "strength", "run", "cross"})
# Check-in symptoms (the gerdy/1 Checkin fields) and the question each answers: the protocol's.
SYMPTOMS: tuple[tuple[str, str], ...] = tuple(
    (symptom.field, symptom.question) for symptom in load_protocol().checkin.symptoms
)
SESSION_KINDS = ("roll", "stretch", "strength")

"""The bounds of a value, read from the model that owns them (`Field(ge=..., le=...)` on the
event and profile models), so a prompt, a form or a help text that names a range never writes
it a second time. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, get_args

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

__all__ = ["Bounds", "bounds_of"]


@dataclass(frozen=True)
class Bounds:
    """`low`..`high`; an open end (`gt`, `lt`) excludes the bound itself."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __contains__(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    @property
    def span(self) -> str:
        """'0-10', as a help text or a prompt names the range."""
        return f"{self.low:g}-{self.high:g}"

    def refusal(self, *, whole: bool = False) -> str:
        """What to give instead of a value out of bounds."""
        kind = "whole number" if whole else "number"
        if not self.low_open and not self.high_open:
            return f"give a {kind} from {self.low:g} to {self.high:g}"
        low = f"above {self.low:g}" if self.low_open else f"at least {self.low:g}"
        high = f"below {self.high:g}" if self.high_open else f"at most {self.high:g}"
        return f"give a {kind} {low} and {high}"


def _constraints(annotation: Any) -> Iterator[Any]:
    """The annotated-types constraints inside an annotation (through Optional and tuples)."""
    metadata = getattr(annotation, "__metadata__", ())
    for item in metadata:
        if isinstance(item, FieldInfo):
            yield from item.metadata
        else:
            yield item
    for arg in get_args(annotation):
        if arg is not Ellipsis and not isinstance(arg, FieldInfo) and arg not in metadata:
            yield from _constraints(arg)


NUMERIC = (annotated_types.Ge, annotated_types.Gt, annotated_types.Le, annotated_types.Lt)


def _bounds(constraints: Iterable[Any], where: str) -> Bounds:
    ends: dict[str, Any] = {}
    for item in constraints:
        for end in ("ge", "gt", "le", "lt"):
            if isinstance(item, NUMERIC) and hasattr(item, end):
                ends[end] = getattr(item, end)
    low, high = ends.get("ge", ends.get("gt")), ends.get("le", ends.get("lt"))
    if low is None or high is None:
        raise LookupError(f"{where} has no lower and upper bound")
    return Bounds(float(low), float(high), "gt" in ends, "lt" in ends)


def bounds_of(model: type[BaseModel], name: str) -> Bounds:
    """The bounds the model puts on field `name` (on each item, for a tuple of numbers)."""
    info = model.model_fields[name]
    found = [item for item in info.metadata if isinstance(item, NUMERIC)]
    found = found or list(_constraints(info.annotation))
    return _bounds(found, f"{model.__name__}.{name}")

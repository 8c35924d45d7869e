"""The web forms hint the browser with the models' own bounds (`gerdy.domain.bounds`): a
range is never written a second time in a template."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from gerdy.domain.bounds import bounds_of
from gerdy.domain.events import CheckinAnswers, RunReport


@pytest.mark.parametrize(
    ("page", "name", "model", "field"),
    [
        ("/runs", "minutes", RunReport, "minutes"),
        ("/runs", "pain_after_hours", RunReport, "pain_after_hours"),
    ],
)
def test_form_inputs_carry_the_models_bounds(
    runner: TestClient, page: str, name: str, model: type[BaseModel], field: str
) -> None:
    bounds = bounds_of(model, field)
    html = runner.get(page).text
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, f"no {name} input on {page}"
    assert f'min="{bounds.low:g}" max="{bounds.high:g}"' in tag.group(0)


@pytest.mark.parametrize(
    ("page", "name", "model", "field"),
    [
        ("/runs", "pain_during", RunReport, "pain_during"),
        ("/checkin", "pain_daily", CheckinAnswers, "pain_daily"),
        ("/checkin", "pain_rest", CheckinAnswers, "pain_rest"),
    ],
)
def test_pain_scales_offer_the_models_bounds_and_start_unset(
    runner: TestClient, page: str, name: str, model: type[BaseModel], field: str
) -> None:
    """A pain question is a scale of radios from the model's low to its high, none chosen
    (answered, never assumed) and each required."""
    bounds = bounds_of(model, field)
    html = runner.get(page).text
    radios = re.findall(rf'<input type="radio" name="{name}"[^>]*>', html)
    values = [int(re.search(r'value="(\d+)"', tag).group(1)) for tag in radios]  # type: ignore[union-attr]
    assert values == list(range(int(bounds.low), int(bounds.high) + 1))
    assert all("required" in tag and "checked" not in tag for tag in radios)

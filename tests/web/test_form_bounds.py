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
        ("/runs", "pain_during", RunReport, "pain_during"),
        ("/runs", "pain_after_hours", RunReport, "pain_after_hours"),
        ("/checkin", "pain_daily", CheckinAnswers, "pain_daily"),
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

"""`gerdy export --fhir`: the record as a FHIR R4 Bundle that validates with fhir.resources."""

from __future__ import annotations

from pathlib import Path

from fhir.resources.R4B.bundle import Bundle

from .helpers import Gerdy, ok_json


def test_export_fhir_prints_a_valid_bundle(started: Gerdy, tmp_path: Path) -> None:
    assert (
        started(
            "checkin", "--pain", "3", "--rest-pain", "0", "--none-of-these", "--date", "2026-01-06"
        ).exit_code
        == 0
    )
    bundle = ok_json(started("export", "--fhir"))
    Bundle.model_validate(bundle)
    pains = [
        e["resource"]["valueInteger"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    assert pains == [3]
    target = tmp_path / "bundle.json"
    result = started("export", "--fhir", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert "FHIR resources" in result.stderr
    Bundle.model_validate_json(target.read_text())

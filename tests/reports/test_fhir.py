"""The FHIR R4 export: a `collection` Bundle that validates with the fhir.resources R4B models,
one pain Observation per counted check-in, one Observation per run, the ITBS Condition with its
laterality, and a CarePlan naming the current stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from gerdy.domain.events import Checkin, Event, Run
from gerdy.domain.events import Checkin as CheckinEvent
from gerdy.reports.fhir import PAIN_LOINC
from gerdy.reports.gather import fhir_bundle
from gerdy.services import Coach

from .conftest import NOW, TODAY


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def pain_observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        r for r in resources(bundle, "Observation") if r["code"]["coding"][0]["code"] == PAIN_LOINC
    ]


def expected_checkins(events: list[Event]) -> list[CheckinEvent]:
    """Check-ins that count, worked out here on their own: drop superseded ones, keep the
    last one recorded on each date, in date order."""
    superseded = {e.supersedes for e in events if e.supersedes}
    by_date: dict[dt.date, Checkin] = {}
    for event in events:
        if isinstance(event, Checkin) and event.id not in superseded:
            by_date[event.date] = event
    return [by_date[d] for d in sorted(by_date)]


def test_bundle_validates_with_fhir_r4b_models(coach: Coach) -> None:
    bundle = fhir_bundle(coach, TODAY, NOW)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == {"Patient", "Condition", "Observation", "CarePlan"}


def test_pain_observations_equal_the_counted_checkins_one_for_one(coach: Coach) -> None:
    events = coach.events()
    assert any(e.supersedes for e in events if isinstance(e, Checkin)), "demo has a correction"
    observations = pain_observations(fhir_bundle(coach, TODAY, NOW))
    checkins = expected_checkins(events)
    assert len(observations) == len(checkins) > 30
    for observation, checkin in zip(observations, checkins, strict=True):
        assert observation["effectiveDateTime"] == checkin.date.isoformat()
        assert observation["valueInteger"] == checkin.pain_daily
        assert observation["status"] == "final"
        coding = observation["code"]["coding"][0]
        assert (coding["system"], coding["code"]) == ("http://loinc.org", "72514-3")


def test_a_second_checkin_the_same_day_replaces_the_first(coach: Coach) -> None:
    coach.log(Checkin(date=TODAY, pain_daily=6))
    coach.log(Checkin(date=TODAY, pain_daily=2))
    last = pain_observations(fhir_bundle(coach, TODAY, NOW))[-1]
    assert (last["effectiveDateTime"], last["valueInteger"]) == (TODAY.isoformat(), 2)
    assert len(pain_observations(fhir_bundle(coach, TODAY, NOW))) == len(
        expected_checkins(coach.events())
    )


def test_runs_carry_duration_distance_and_cadence(coach: Coach) -> None:
    runs = [e for e in coach.events() if isinstance(e, Run)]
    observations = [
        r
        for r in resources(fhir_bundle(coach, TODAY, NOW), "Observation")
        if r["category"][0]["coding"][0]["code"] == "activity"
    ]
    assert len(observations) == len(runs) > 0
    for observation, run in zip(observations, runs, strict=True):
        components = {
            c["code"].get("text") or c["code"]["coding"][0]["display"]: c
            for c in observation["component"]
        }
        assert components["Exercise duration"]["valueQuantity"]["value"] == round(run.minutes, 1)
        assert components["Exercise duration"]["valueQuantity"]["code"] == "min"
        assert components["Distance run"]["valueQuantity"]["value"] == round(
            run.distance_km or 0, 2
        )
        cadence = components["Running cadence (steps per minute)"]["valueQuantity"]
        assert cadence["value"] == round(run.cadence_spm or 0)


@pytest.mark.parametrize(
    ("side", "codes"),
    [("right", ["M76.31"]), ("left", ["M76.32"]), ("both", ["M76.31", "M76.32"])],
)
def test_condition_is_itbs_with_its_laterality(coach: Coach, side: str, codes: list[str]) -> None:
    coach.start(coach.profile().model_copy(update={"side": side}), replace=True)
    conditions = resources(fhir_bundle(coach, TODAY, NOW), "Condition")
    found = []
    for condition in conditions:
        by_system = {c["system"]: c["code"] for c in condition["code"]["coding"]}
        assert by_system["http://hl7.org/fhir/sid/icd-10"] == "M76.3"
        found.append(by_system["http://hl7.org/fhir/sid/icd-10-cm"])
    assert found == codes


def test_patient_is_pseudonymous_and_stable(coach: Coach) -> None:
    first = fhir_bundle(coach, TODAY, NOW)
    again = fhir_bundle(coach, TODAY, NOW + dt.timedelta(hours=1))
    (patient,) = resources(first, "Patient")
    assert "name" not in patient and "telecom" not in patient and "birthDate" not in patient
    assert "runner-7f3a" not in str(patient)
    assert patient == resources(again, "Patient")[0]
    subjects = {r["subject"]["reference"] for r in resources(first, "Observation")}
    assert subjects == {f"urn:uuid:{patient['id']}"}


def test_care_plan_names_the_current_stage_and_its_activities(coach: Coach) -> None:
    plan = coach.plan(TODAY)
    (care_plan,) = resources(fhir_bundle(coach, TODAY, NOW), "CarePlan")
    assert plan.stage in care_plan["description"]
    assert [
        a["detail"]["description"].removesuffix(" (optional)") for a in care_plan["activity"]
    ] == [t.title for t in plan.tasks]
    assert care_plan["period"]["start"] == coach.profile().start_date.isoformat()

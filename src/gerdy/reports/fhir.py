"""The record as a FHIR R4 `collection` Bundle, for a clinic's system: a pseudonymous Patient,
the ITBS Condition, one Observation per daily pain rating, one per run, and a CarePlan with the
current stage and its activities.

A pure builder: it is given the profile, the events, the day's plan and the time of export and
returns a JSON-ready dict. No I/O, no clock; ids are derived from the pseudonym and the event
ids, so the same record exported twice gives the same resources.

Codes: ICD-10 M76.3 (iliotibial band syndrome), with ICD-10-CM laterality M76.31 (right leg)
and M76.32 (left leg); a runner with both sides gets one Condition per side. LOINC 72514-3 for
the 0-10 pain rating; LOINC 73985-4 (exercise activity) and 55411-3 (exercise duration) for a
run, whose distance and cadence have no LOINC code and are named in text.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gerdy.domain.events import Checkin, Event, Run
from gerdy.domain.profile import Profile
from gerdy.engine.history import History
from gerdy.engine.plan import DayPlan, Task

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical"
VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status"

PAIN_LOINC = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
EXERCISE_ACTIVITY_LOINC = "73985-4"
EXERCISE_DURATION_LOINC = "55411-3"
ITBS_ICD10 = "M76.3"
ITBS_BY_SIDE = {"right": ("M76.31", "Iliotibial band syndrome, right leg"),
                "left": ("M76.32", "Iliotibial band syndrome, left leg")}  # fmt: skip

# uuid5 namespace for this exporter's resource ids (a fixed random value, never changed).
ID_NAMESPACE = uuid.UUID("6b1f8f4e-52a4-4c8e-9d0b-3f0f1d1f6a7e")

STAGE_NAMES = {
    "protect": "Protect (no running, strength and mobility)",
    "paused": "Paused (running stopped until the reason clears)",
    "return-1": "Return to running, week 1",
    "return-2": "Return to running, week 2",
    "return-3": "Return to running, week 3",
    "progress": "Progressing running volume",
}


@dataclass(frozen=True)
class FhirExport:
    """What the bundle is built from. `pseudonym` names the record without naming the person
    (the same pseudonym gives the same Patient id on every export)."""

    pseudonym: str
    profile: Profile
    events: tuple[Event, ...]
    plan: DayPlan
    generated_at: dt.datetime


def resource_id(pseudonym: str, key: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{pseudonym}/{key}"))


def full_url(resource: dict[str, Any]) -> str:
    return f"urn:uuid:{resource['id']}"


def coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def counted_checkins(events: Iterable[Event], until: dt.date) -> list[Checkin]:
    """The check-ins that count, one a day in date order: corrections applied, and a later
    check-in the same day in place of an earlier one (as the engine reads them)."""
    history = History(events, until)
    found = [day.checkin for _, day in sorted(history.days.items())]
    return [checkin for checkin in found if checkin is not None]


def counted_runs(events: Iterable[Event], until: dt.date) -> list[Run]:
    history = History(events, until)
    return [run for _, day in sorted(history.days.items()) for run in day.runs]


def patient(export: FhirExport) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": resource_id(export.pseudonym, "patient"),
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{export.pseudonym}"}],
        "active": True,
    }


def conditions(export: FhirExport, subject: dict[str, str]) -> list[dict[str, Any]]:
    sides = ["right", "left"] if export.profile.side == "both" else [export.profile.side]
    found: list[dict[str, Any]] = []
    for side in sides:
        code, display = ITBS_BY_SIDE[side]
        found.append(
            {
                "resourceType": "Condition",
                "id": resource_id(export.pseudonym, f"condition/{side}"),
                "clinicalStatus": {
                    "coding": [coding(CLINICAL_STATUS, "active", "Active")],
                },
                "verificationStatus": {
                    "coding": [coding(VERIFICATION_STATUS, "provisional", "Provisional")],
                },
                "category": [
                    {
                        "coding": [
                            coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")
                        ]
                    }
                ],
                "code": {
                    "coding": [
                        coding(ICD10_CM, code, display),
                        coding(ICD10, ITBS_ICD10, "Iliotibial band syndrome"),
                    ],
                    "text": f"Iliotibial band syndrome, {side} knee",
                },
                "bodySite": [{"text": f"{side.capitalize()} lateral knee"}],
                "subject": subject,
                "onsetDateTime": export.profile.start_date.isoformat(),
                "note": [{"text": "Self-reported at the start of the rehab programme."}],
            }
        )
    return found


def pain_observation(
    export: FhirExport, subject: dict[str, str], checkin: Checkin
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id(export.pseudonym, f"pain/{checkin.id or checkin.date.isoformat()}"),
        "status": "final",
        "category": [{"coding": [coding(OBSERVATION_CATEGORY, "survey", "Survey")]}],
        "code": {
            "coding": [coding(LOINC, PAIN_LOINC, PAIN_DISPLAY)],
            "text": "Knee pain in daily activities (0-10)",
        },
        "subject": subject,
        "effectiveDateTime": checkin.date.isoformat(),
        "valueInteger": checkin.pain_daily,
        "performer": [subject],
    }
    if checkin.pain_rest:
        resource["note"] = [{"text": f"Pain at rest: {checkin.pain_rest}/10."}]
    return resource


def run_observation(export: FhirExport, subject: dict[str, str], run: Run) -> dict[str, Any]:
    components: list[dict[str, Any]] = [
        {
            "code": {
                "coding": [coding(LOINC, EXERCISE_DURATION_LOINC, "Exercise duration")],
            },
            "valueQuantity": quantity(round(run.minutes, 1), "min", "min"),
        }
    ]
    if run.distance_km is not None:
        components.append(
            {
                "code": {"text": "Distance run"},
                "valueQuantity": quantity(round(run.distance_km, 2), "km", "km"),
            }
        )
    if run.cadence_spm is not None:
        components.append(
            {
                "code": {"text": "Running cadence (steps per minute)"},
                "valueQuantity": quantity(round(run.cadence_spm), "steps/min", "/min"),
            }
        )
    if run.pain_during is not None:
        components.append(
            {
                "code": {
                    "coding": [coding(LOINC, PAIN_LOINC, PAIN_DISPLAY)],
                    "text": "Knee pain during the run (0-10)",
                },
                "valueInteger": run.pain_during,
            }
        )
    return {
        "resourceType": "Observation",
        "id": resource_id(export.pseudonym, f"run/{run.id or run.date.isoformat()}"),
        "status": "final",
        "category": [{"coding": [coding(OBSERVATION_CATEGORY, "activity", "Activity")]}],
        "code": {
            "coding": [coding(LOINC, EXERCISE_ACTIVITY_LOINC, "Exercise activity")],
            "text": "Run",
        },
        "subject": subject,
        "effectiveDateTime": run.date.isoformat(),
        "valueCodeableConcept": {"text": f"Running ({run.terrain})"},
        "component": components,
    }


def activity(task: Task) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "kind": "ServiceRequest",
        "code": {"text": f"{task.kind} ({task.rule})"},
        "status": "completed" if task.done else "not-started",
        "description": task.title,
    }
    if task.optional:
        detail["description"] = f"{task.title} (optional)"
    return {"detail": detail, "progress": [{"text": task.why}]} if task.why else {"detail": detail}


def care_plan(
    export: FhirExport, subject: dict[str, str], addresses: list[dict[str, str]]
) -> dict[str, Any]:
    plan = export.plan
    stage = STAGE_NAMES.get(plan.stage, plan.stage)
    return {
        "resourceType": "CarePlan",
        "id": resource_id(export.pseudonym, "careplan"),
        "status": "active",
        "intent": "plan",
        "title": f"IT band syndrome rehab: {stage}",
        "description": (
            f"Day {plan.day}, week {plan.week}; stage {plan.stage} since "
            f"{plan.stage_since.isoformat()} ({plan.track} track). Activities as planned for "
            f"{plan.date.isoformat()} (protocol {plan.protocol_version})."
        ),
        "subject": subject,
        "period": {"start": export.profile.start_date.isoformat()},
        "created": export.generated_at.isoformat(),
        "addresses": addresses,
        "activity": [activity(task) for task in plan.tasks],
    }


def build_bundle(export: FhirExport) -> dict[str, Any]:
    """The `collection` Bundle for the record as of `export.plan.date`."""
    until = export.plan.date
    the_patient = patient(export)
    subject = {"reference": full_url(the_patient)}
    the_conditions = conditions(export, subject)
    resources: list[dict[str, Any]] = [the_patient, *the_conditions]
    resources.extend(
        pain_observation(export, subject, c) for c in counted_checkins(export.events, until)
    )
    resources.extend(
        run_observation(export, subject, r) for r in counted_runs(export.events, until)
    )
    resources.append(
        care_plan(export, subject, [{"reference": full_url(c)} for c in the_conditions])
    )
    return {
        "resourceType": "Bundle",
        "id": resource_id(export.pseudonym, f"bundle/{export.generated_at.isoformat()}"),
        "type": "collection",
        "timestamp": export.generated_at.isoformat(),
        "entry": [{"fullUrl": full_url(r), "resource": r} for r in resources],
    }

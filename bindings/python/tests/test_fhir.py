"""FHIR R5 export (`RuleSet.evaluate_fhir`): acceptance scenarios 1, 4, 7 and
9 of DOMAIN.md §5, requests taken from the rule authors' case files, each
resource validated by the third-party validator `fhir.resources` (R5)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, List

import pytest
from conftest import BUNDLED

# The validator is pinned in scripts/python-env.sh: a missing one fails loudly.
from fhir.resources.coverageeligibilityresponse import CoverageEligibilityResponse

import medcover

SD = "https://medcover.invalid/fhir/StructureDefinition/"
needs_rules = pytest.mark.skipif(not BUNDLED.is_dir(), reason=f"no bundled rules at {BUNDLED}")


def case_requests(rule_set: str, prefix: str) -> List[Dict[str, Any]]:
    """The requests of the cases in `rules/<rule_set>/cases/` whose name starts with `prefix`."""
    out = []
    for path in sorted((BUNDLED / rule_set / "cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            if case["name"].startswith(prefix) and "request" in case and "error" not in case.get("expect", {}):
                out.append(case["request"])
    assert out, f"no case `{prefix}` in {rule_set}"
    return out


@pytest.fixture(scope="module")
def bundled() -> medcover.RuleSet:
    return medcover.RuleSet.load(BUNDLED)


def validated(rules: medcover.RuleSet, request: Dict[str, Any]) -> Dict[str, Any]:
    """The resource as a dict, after `fhir.resources` accepted it (from the
    JSON text too, so that both entry points are checked)."""
    resource = rules.evaluate_fhir(request)
    model = CoverageEligibilityResponse.model_validate(resource)
    assert model.outcome == "complete" and model.status == "active"
    CoverageEligibilityResponse.model_validate_json(rules.evaluate_fhir_json(request))
    text = json.dumps(resource, default=str)
    national_id = request["member"].get("national_id")
    if national_id:
        assert national_id not in text
    return resource


def items(resource: Dict[str, Any]) -> List[Dict[str, Any]]:
    return resource["insurance"][0]["item"]


def ext(element: Dict[str, Any], name: str) -> List[Dict[str, Any]]:
    return [e for e in element.get("extension", []) if e["url"] == SD + name]


def code(item: Dict[str, Any]) -> str:
    return item["productOrService"]["coding"][0]["code"]


def reason_codes(item: Dict[str, Any]) -> List[str]:
    return [sub["valueCoding"]["code"] for e in ext(item, "reason") for sub in e["extension"] if sub["url"] == "code"]


def money(item: Dict[str, Any], name: str) -> Decimal:
    (e,) = ext(item, name)
    return e["valueMoney"]["value"]


@needs_rules
def test_scenario_1_authorization(bundled):
    (request,) = case_requests("ro-omniasig", "scenario 1:")
    r = validated(bundled, request)
    assert r["resourceType"] == "CoverageEligibilityResponse"
    assert r["id"] == request["id"] and r["servicedDate"] == "2026-05-10" and r["created"] == "2026-05-10"
    assert r["purpose"] == ["benefits", "validation"]
    assert r["patient"]["reference"] == "Patient/ro-m-1"
    assert r["preAuthRef"] == "OMN-2026-000123"
    assert r["insurance"][0]["inforce"] is True
    consult, oct_, tono, yag = items(r)
    assert [code(i) for i in items(r)] == ["OPH-CONSULT", "OPH-OCT", "OPH-TONOMETRY", "OPH-YAG"]
    assert consult["category"]["coding"][0] == {
        "system": "https://medcover.invalid/fhir/CodeSystem/category", "code": "consultation"}
    assert not consult["excluded"] and not consult["authorizationRequired"]
    assert "AUTHORIZED_SERVICE" in reason_codes(consult) and "SUPPLEMENTARY_ON_FORM" in reason_codes(oct_)
    assert money(consult, "insurer-pays") + money(oct_, "insurer-pays") == Decimal("550.00")
    assert tono["authorizationRequired"] is True and not tono["excluded"]
    assert ext(tono, "next-step")[0]["valueCode"] == "request_email_authorization"
    assert tono["authorizationSupporting"][0]["coding"][0]["code"] == "request_email_authorization"
    assert yag["authorizationRequired"] is True
    (alt,) = ext(yag, "alternative")
    assert alt["valueReference"]["reference"] == "Organization/ro-oftalmo-brasov"
    assert [e["valueCodeableConcept"]["coding"][0]["code"] for e in ext(r, "requirement")] == [
        "identity_document", "member_signature"]


@needs_rules
def test_scenario_4_guarantee_letter(bundled):
    within, expired, partial = case_requests("ru-dms-dental", "scenario 4:")
    r = validated(bundled, within)
    assert r["preAuthRef"] == "GL-1"
    assert [code(i) for i in items(r)] == ["DENT-CONSULT", "DENT-XRAY", "DENT-FILLING"]
    assert all(not i["excluded"] and not i["authorizationRequired"] for i in items(r))
    assert all(ext(i, "outcome")[0]["valueCode"] == "covered" for i in items(r))

    r = validated(bundled, expired)
    assert "preAuthRef" not in r  # the letter covered nothing
    assert all(i["authorizationRequired"] and "AUTHORIZATION_EXPIRED" in reason_codes(i) for i in items(r))
    assert all(ext(i, "document")[0]["valueString"] == "GL-1" for i in items(r))

    r = validated(bundled, partial)
    assert r["preAuthRef"] == "GL-1"
    (filling,) = items(r)
    assert filling["authorizationRequired"] is True and not filling["excluded"]
    assert "VOLUME_EXCEEDED" in reason_codes(filling)
    assert ext(filling, "next-step")[0]["valueCode"] == "request_additional_approval"
    assert money(filling, "insurer-pays") == Decimal("4500.00") == money(filling, "patient-pays")


@needs_rules
def test_scenario_7_roster_and_limits(bundled):
    on_roster, other_clinic, not_on_roster, seventh = case_requests("ru-dms-dental", "scenario 7:")
    (hygiene,) = items(validated(bundled, on_roster))
    assert not hygiene["excluded"] and ext(hygiene, "mode")[0]["valueCode"] == "attachment"
    for request in (other_clinic, not_on_roster):
        (line,) = items(validated(bundled, request))
        assert line["excluded"] is True and "NOT_ON_ROSTER" in reason_codes(line)

    (consult,) = items(validated(bundled, seventh))
    assert consult["excluded"] is True and "LIMIT_EXHAUSTED" in reason_codes(consult)
    (benefit,) = consult["benefit"]
    assert benefit["type"]["coding"][0]["code"] == "consultations"
    assert (benefit["allowedUnsignedInt"], benefit["usedUnsignedInt"]) == (6, 6)
    assert ext(benefit, "remaining")[0]["valueUnsignedInt"] == 0
    model = CoverageEligibilityResponse.model_validate(bundled.evaluate_fhir(seventh))
    assert model.insurance[0].item[0].benefit[0].allowedUnsignedInt == 6


@needs_rules
def test_scenario_9_waiting_periods(bundled):
    expected = {"BR-CONSULT": ["2026-07-04", None], "BR-EMERGENCY": [None], "BR-CHILDBIRTH": ["2026-11-01"],
                "BR-MRI": ["2028-01-05"]}
    seen: Dict[str, List[Any]] = {}
    for request in case_requests("br-plan", "scenario 9:"):
        (line,) = items(validated(bundled, request))
        ends = ext(line, "waiting-period-ends")
        seen.setdefault(code(line), []).append(ends[0]["valueDate"] if ends else None)
        assert line["excluded"] is bool(ends)
        if ends:
            assert "WAITING_PERIOD" in reason_codes(line)
    assert seen == expected


@needs_rules
def test_money_is_exact_and_created_is_passed(bundled):
    (request,) = case_requests("ru-dms-dental", "scenario 6:")
    r = bundled.evaluate_fhir(request, created="2026-03-20T09:30:00+03:00")
    assert r["created"] == "2026-03-20T09:30:00+03:00"
    (implant,) = items(r)
    assert money(implant, "discount") == Decimal("4200.00")
    assert isinstance(money(implant, "discount"), Decimal)
    assert '"value":4200.0}' in bundled.evaluate_fhir_json(request)
    assert money(implant, "patient-pays") == Decimal("55800.00")
    CoverageEligibilityResponse.model_validate(r)
    with pytest.raises(medcover.RequestError):
        bundled.evaluate_fhir(request, created="yesterday")


def test_engine_money_stays_exact(rules, auth_request):
    """7% of 1234.50 = 86.415 → 86.42 in the engine, and 86.42 in the resource."""
    r = rules.evaluate_fhir(auth_request)
    CoverageEligibilityResponse.model_validate(r)
    implant = items(r)[4]
    assert code(implant) == "MINI-IMPLANT" and implant["excluded"] is True
    assert money(implant, "discount") == Decimal("86.42") and str(money(implant, "discount")) == "86.42"
    assert money(implant, "patient-pays") == Decimal("1148.08")
    assert "LOYALTY_DISCOUNT" in reason_codes(implant)
    text = rules.evaluate_fhir_json(auth_request, indent=2)
    assert text.startswith('{\n  "resourceType": "CoverageEligibilityResponse"')
    assert '"value": 86.42\n' in text
    model = CoverageEligibilityResponse.model_validate_json(text)
    assert model.insurance[0].item[4].productOrService.coding[0].code == "MINI-IMPLANT"


def test_bad_requests_raise(rules, auth_request):
    with pytest.raises(medcover.RequestError):
        rules.evaluate_fhir({**auth_request, "date": "2026-02-30"})
    with pytest.raises(medcover.RequestError):
        rules.evaluate_fhir_json("{")

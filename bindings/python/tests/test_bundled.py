"""The bundled rules (`rules/` at the repository root) through Python:
acceptance scenarios of DOMAIN.md §5 that the binding must reproduce
exactly. Skipped only when the folder is absent."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from conftest import BENCH_RULES, BUNDLED

import medcover

needs_rules = pytest.mark.skipif(not BUNDLED.is_dir(), reason=f"no bundled rules at {BUNDLED}")


@pytest.fixture(scope="module")
def bundled() -> medcover.RuleSet:
    return medcover.RuleSet.load(BUNDLED)


def ro_member(**extra):
    member = {"id": "ro-m-1", "birth_date": "1985-03-12", "sex": "F", "national_id": "2850312400014",
              "policy": {"number": "OMN-P-1", "program": "ro-omniasig/standard", "start": "2026-01-01", "end": "2026-12-31"}}
    member.update(extra)
    return member


def scenario_1(date="2026-05-10", status="active"):
    return {
        "date": date, "clinic": "ro-oftalmo-cluj", "booked_via": "insurer", "member": ro_member(),
        "authorization": {"number": "OMN-2026-000123", "kind": "authorization", "valid_on": "2026-05-10",
                          "services": [{"code": "OPH-CONSULT", "quantity": 1}],
                          "during_consultation": ["OPH-OCT", "OPH-PERIMETRY"], "status": status},
        "services": [{"code": "OPH-CONSULT"}, {"code": "OPH-OCT"}, {"code": "OPH-TONOMETRY"}, {"code": "OPH-YAG"}],
    }


@needs_rules
def test_scenario_1_authorization(bundled):
    d = bundled.evaluate(scenario_1())
    consult, oct_, tono, yag = d.lines
    assert consult.outcome == "covered" and "AUTHORIZED_SERVICE" in consult.reason_codes
    assert oct_.outcome == "covered" and "SUPPLEMENTARY_ON_FORM" in oct_.reason_codes
    assert d.totals.insurer_pays == Decimal("550.00")
    assert (tono.outcome, tono.next_step) == ("needs_authorization", "request_email_authorization")
    assert yag.outcome == "refer_elsewhere" and yag.alternatives == ["ro-oftalmo-brasov"]
    assert d.requirements == ["identity_document", "member_signature"]


@needs_rules
def test_scenario_2_wrong_date_used_cancelled(bundled):
    for request in (scenario_1(date="2026-05-11"), scenario_1(status="used"), scenario_1(status="cancelled")):
        d = bundled.evaluate(request)
        assert all(line.insurer_pays == 0 for line in d.lines)
    assert "AUTHORIZATION_WRONG_DATE" in bundled.evaluate(scenario_1(date="2026-05-11")).lines[0].reason_codes


@needs_rules
def test_scenario_6_loyalty_discount(bundled):
    request = {
        "date": "2026-03-20", "clinic": "ru-dent-center", "booked_via": "insurer", "reason": "planned",
        "member": {"id": "ru-p-2", "birth_date": "1980-01-01", "sex": "M",
                   "policy": {"number": "GL-P", "program": "ru-dms-dental/gl", "start": "2026-01-01", "end": "2026-12-31"}},
        "services": [{"code": "DENT-IMPLANT"}],
    }
    (line,) = bundled.evaluate(request).lines
    assert line.outcome == "not_covered" and line.mode == "self_pay"
    assert line.discount == Decimal("4200.00") and line.patient_pays == Decimal("55800.00")


@needs_rules
def test_scenario_9_waiting_period(bundled):
    request = {
        "date": "2026-07-03", "clinic": "br-clinic-campinas", "reason": "planned",
        "member": {"id": "br-m-1", "birth_date": "1990-01-01", "sex": "F",
                   "policy": {"number": "BR-1", "program": "br-plan/enfermaria", "start": "2026-01-01",
                              "end": "2026-12-31", "enrolled": "2026-01-05"}},
        "services": [{"code": "BR-CONSULT"}],
    }
    (line,) = bundled.evaluate(request).lines
    assert "WAITING_PERIOD" in line.reason_codes
    assert line.waiting_period_ends == datetime.date(2026, 7, 4)


def bench_request(program, category, *, setting="outpatient", reason="acute", clinic="bench-in", days=200, used=0):
    start = datetime.date(2026, 6, 15) - datetime.timedelta(days=days)
    code = "B-" + category.upper()
    return {
        "date": "2026-06-15", "clinic": clinic, "setting": setting, "reason": reason,
        "member": {"id": "b", "birth_date": "1980-01-01", "sex": "F",
                   "policy": {"number": "B", "program": f"bench/{program}", "start": start.isoformat(),
                              "end": (start.replace(year=start.year + 1) - datetime.timedelta(days=1)).isoformat()}},
        "history": [{"date": (start + datetime.timedelta(days=k)).isoformat(), "service": code} for k in range(used)],
        "services": [{"code": code}],
    }


def test_bench_rule_set():
    """benches/rules/bench encodes shared/bench/zen/make_jdm.py."""
    rules = medcover.RuleSet.load(BENCH_RULES)
    outcome = lambda **kw: rules.evaluate(bench_request(**kw)).lines[0]  # noqa: E731
    assert outcome(program="DENT-A", category="therapy").outcome == "covered"
    assert outcome(program="DENT-A", category="therapy", days=29).reason_codes == ["WAITING_PERIOD", "LOYALTY_DISCOUNT"]
    assert outcome(program="DENT-A", category="therapy", days=30).outcome == "covered"
    assert outcome(program="DENT-A", category="therapy", used=10).reason_codes == ["LIMIT_EXHAUSTED", "LOYALTY_DISCOUNT"]
    assert outcome(program="DENT-A", category="therapy", used=9).outcome == "covered"
    assert outcome(program="DENT-A", category="therapy", reason="planned").reason_codes[0] == "CASE_REASON_NOT_COVERED"
    assert outcome(program="OPHT-RO", category="consultation", reason="planned").outcome == "covered"
    assert outcome(program="OPHT-RO", category="consultation", setting="inpatient").reason_codes == ["SETTING_NOT_COVERED"]
    assert outcome(program="DENT-D", category="orthopedics", clinic="bench-out").reason_codes == ["OUT_OF_NETWORK", "LOYALTY_DISCOUNT"]
    implant = outcome(program="DENT-D", category="implantation")
    assert implant.reason_codes == ["NOT_IN_PROGRAM", "LOYALTY_DISCOUNT"] and implant.discount == Decimal("70.00")
    assert outcome(program="DENT-D", category="hygiene", used=1).discount == Decimal("0.00")


@needs_rules
def test_reasons_in_the_chosen_language(bundled):
    ro = bundled.evaluate(scenario_1(), lang="ro")
    assert ro.lines[3].reasons[0].message == (
        "clinica `ro-oftalmo-cluj` nu efectuează `OPH-YAG`; serviciul este oferit la: ro-oftalmo-brasov"
    )
    pt = bundled.evaluate_many([scenario_1()], lang="pt")[0]
    assert pt.lines[3].reasons[0].message.startswith("o prestador `ro-oftalmo-cluj` não realiza")
    en = bundled.evaluate(scenario_1())
    assert [l.outcome for l in en.lines] == [l.outcome for l in ro.lines]
    with pytest.raises(ValueError, match="en, ro, ru, pt"):
        bundled.evaluate(scenario_1(), lang="de")


@needs_rules
def test_reasons_without_messages(bundled):
    told = bundled.evaluate(scenario_1())
    untold = bundled.evaluate(scenario_1(), messages=False)
    (batch,) = bundled.evaluate_many([scenario_1()], messages=False, lang="ro")
    assert all(r.message for line in told.lines for r in line.reasons)
    for d in (untold, batch):
        assert [r.message for line in d.lines for r in line.reasons] == ["" for line in told.lines for r in line.reasons]
        assert [line.reason_codes for line in d.lines] == [line.reason_codes for line in told.lines]
        assert [(line.outcome, line.insurer_pays, line.patient_pays) for line in d.lines] == [
            (line.outcome, line.insurer_pays, line.patient_pays) for line in told.lines
        ]

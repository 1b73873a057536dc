"""RuleSet, evaluate and the typed decision objects."""

from __future__ import annotations

import datetime
import json
import pickle
from decimal import Decimal

import pytest
from conftest import AUTH_REQUEST, FIXTURE, fixture_files

import medcover


def test_load_describes_the_rules(rules):
    assert rules.ids == ["mini"]
    assert len(rules) == 1
    assert rules.clinic_ids == ["mini-a", "mini-b", "mini-out"]
    assert rules.program_ids == ["mini/auth", "mini/plan", "mini/attach"]
    assert "MINI-IMPLANT" in rules.service_codes
    assert rules.currency("mini") == "RON"
    assert repr(rules) == 'RuleSet(["mini"])'
    with pytest.raises(ValueError):
        rules.currency("nope")


def test_load_accepts_str_and_pathlike():
    assert medcover.RuleSet.load(str(FIXTURE)).ids == ["mini"]
    assert medcover.RuleSet.load(FIXTURE).ids == ["mini"]


def test_load_a_folder_of_rule_sets(tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "mini")
    book = medcover.RuleSet.load(tmp_path)
    assert book.ids == ["mini"]


def test_from_json_text_and_dicts_and_several_sets(rules):
    files = fixture_files()
    from_text = medcover.RuleSet.from_json(files)
    from_dicts = medcover.RuleSet.from_json({name: json.loads(text) for name, text in files.items()})
    other = {
        "ruleset.json": json.dumps({"ruleset": {"id": "other", "name": "Other", "currency": "EUR"}}),
        "all.json": json.dumps({
            "services": [{"code": "O-1", "category": "consultation", "price": "10.00"}],
            "clinics": [{"id": "o-clinic", "city": "X", "offers": {"all": True}}],
        }),
    }
    two = medcover.RuleSet.from_json([files, other])
    assert two.ids == ["mini", "other"]
    assert "o-clinic" in two.clinic_ids
    for r in (from_text, from_dicts, two):
        assert r.evaluate(AUTH_REQUEST) == rules.evaluate(AUTH_REQUEST)
    d = two.evaluate({"date": "2026-01-01", "clinic": "o-clinic", "member": {"id": "x", "birth_date": "2000-01-01", "sex": "M"},
                      "services": [{"code": "O-1"}]})
    assert d.ruleset == "other" and d.lines[0].currency == "EUR"
    assert d.lines[0].reason_codes == ["NO_POLICY"]


def test_evaluate_types_and_values(rules, auth_request):
    d = rules.evaluate(auth_request)
    assert isinstance(d, medcover.Decision)
    assert d.id == "r-1" and d.member == "m-1" and d.ruleset == "mini"
    assert d.date == datetime.date(2026, 5, 10) and type(d.date) is datetime.date
    assert d.requirements == ["identity_document", "member_signature"]
    consult, oct_, tono, yag, implant = d.lines
    assert isinstance(consult, medcover.Line)
    assert (consult.outcome, consult.mode, consult.document) == ("covered", "authorization", "A-1")
    assert consult.reason_codes == ["COVERED_BY_PROGRAM", "AUTHORIZED_SERVICE"]
    assert [r.code for r in consult.reasons] == consult.reason_codes
    assert isinstance(consult.reasons[0], medcover.Reason)
    assert consult.reasons[0].rule.startswith("mini/programs.json#")
    assert oct_.reason_codes == ["COVERED_BY_PROGRAM", "SUPPLEMENTARY_ON_FORM"]
    assert (tono.outcome, tono.next_step) == ("needs_authorization", "request_email_authorization")
    assert (yag.outcome, yag.alternatives, yag.next_step) == ("refer_elsewhere", ["mini-b"], "reauthorize_at_other_clinic")
    assert implant.outcome == "not_covered" and implant.mode == "self_pay"
    # 7% of 1234.50 = 86.415 → 86.42, half away from zero, exact decimals.
    for v in (implant.price, implant.discount, implant.patient_pays, d.totals.insurer_pays):
        assert type(v) is Decimal
    assert implant.price == Decimal("1234.50") and str(implant.price) == "1234.50"
    assert implant.discount == Decimal("86.42") and implant.patient_pays == Decimal("1148.08")
    assert "LOYALTY_DISCOUNT" in implant.reason_codes
    assert isinstance(d.totals, medcover.Totals)
    assert d.totals.insurer_pays == Decimal("550.00")
    assert d.totals.price == Decimal("2764.50")
    assert d.totals.patient_pays == Decimal("2128.08") and d.totals.discount == Decimal("86.42")
    assert consult.trace == []


def test_json_string_and_bytes_inputs_give_the_same_decision(rules, auth_request):
    text = json.dumps(auth_request)
    assert rules.evaluate(text) == rules.evaluate(auth_request) == rules.evaluate(text.encode())


@pytest.mark.parametrize(
    "text",
    ['a "quoted" id', "back\\slash", "new\nline\r\ttab", "bell\x07\x00\x1f", "ünïcödé ✓ 🩺", "", "x" * 300],
)
def test_dict_strings_are_written_as_json_exactly(rules, auth_request, text):
    # A dict is written as JSON text for the engine; every character that
    # needs an escape must come back as it was.
    auth_request["id"] = text
    assert rules.evaluate(auth_request).id == text
    assert rules.evaluate(auth_request) == rules.evaluate(json.dumps(auth_request))


def test_dict_ints_of_any_size(rules, plan_request):
    # Ints within i64 are written directly, larger ones through str(); the
    # engine refuses a quantity too large either way, naming the field.
    for quantity, ok in ((1, True), (2**63 - 1, False), (2**64, False), (10**30, False)):
        plan_request["services"][0]["quantity"] = quantity
        if ok:
            assert rules.evaluate(plan_request).lines[0].quantity == 1
        else:
            with pytest.raises(medcover.RequestError) as info:
                rules.evaluate(plan_request)
            assert info.value.path == "services[0].quantity"


def test_decimal_and_date_inputs(rules, plan_request):
    plan_request["date"] = datetime.date(2026, 3, 1)
    plan_request["member"]["birth_date"] = datetime.date(1990, 1, 1)
    plan_request["history"][0]["amount"] = Decimal("250.00")
    plan_request["history"][0]["date"] = datetime.date(2026, 1, 10)
    from conftest import PLAN_REQUEST

    assert rules.evaluate(plan_request) == rules.evaluate(PLAN_REQUEST)


def test_limits_and_waiting_periods(rules, plan_request):
    d = rules.evaluate(plan_request)
    consult, therapy = d.lines
    # 1 consultation used before, limit 2: one of the two is covered.
    assert consult.outcome == "partially_covered" and consult.covered_quantity == 1
    assert "LIMIT_PARTIAL" in consult.reason_codes
    (usage,) = consult.limits
    assert isinstance(usage, medcover.LimitUsage)
    assert (usage.id, usage.unit) == ("consultations", "count")
    assert (usage.allowed, usage.used, usage.remaining) == (Decimal(2), Decimal(2), Decimal(0))
    assert usage.period_start == datetime.date(2026, 1, 1)
    # Enrolled 2026-02-15, 30 days: covered from 2026-03-17.
    assert therapy.outcome == "not_covered" and therapy.reason_codes[0] == "WAITING_PERIOD"
    assert therapy.waiting_period_ends == datetime.date(2026, 3, 17)
    assert therapy.discount == Decimal("7.00")  # insured: loyalty on what is not covered
    plan_request["date"] = "2026-03-17"
    assert rules.evaluate(plan_request).lines[1].outcome == "covered"


def test_out_of_network(rules, plan_request):
    plan_request["clinic"] = "mini-out"
    line = rules.evaluate(plan_request).lines[0]
    assert line.outcome == "not_covered" and line.reason_codes == ["OUT_OF_NETWORK"]


def test_trace(rules, auth_request):
    d = rules.evaluate(auth_request, trace=True)
    steps = d.lines[0].trace
    assert steps and all(isinstance(s, medcover.TraceStep) for s in steps)
    assert {"price", "policy", "coverage"} <= {s.step for s in steps}
    assert any(s.rule for s in steps) and all(isinstance(s.detail, str) for s in steps)
    assert "trace" in d.to_dict()["lines"][0]
    assert "trace" not in rules.evaluate(auth_request).to_dict()["lines"][0]
    assert steps[0].to_dict()["step"] == steps[0].step


def test_to_dict_is_typed_and_to_json_is_the_contract(rules, auth_request):
    d = rules.evaluate(auth_request)
    as_dict = d.to_dict()
    assert as_dict["date"] == datetime.date(2026, 5, 10)
    assert as_dict["totals"]["insurer_pays"] == Decimal("550.00")
    assert as_dict["lines"][4]["discount"] == Decimal("86.42")
    assert as_dict["lines"][0]["reasons"][0]["code"] == "COVERED_BY_PROGRAM"
    assert as_dict["lines"][0]["next_step"] is None
    as_json = json.loads(d.to_json())
    assert as_json["date"] == "2026-05-10"
    assert as_json["totals"]["insurer_pays"] == "550.00"
    assert as_json["lines"][4]["discount"] == "86.42"
    assert as_json["lines"][3]["outcome"] == "refer_elsewhere"
    assert d.to_json(indent=2).startswith("{\n  ")
    line = d.lines[4]
    assert line.to_dict() == as_dict["lines"][4]
    assert json.loads(line.to_json())["patient_pays"] == "1148.08"
    assert d.totals.to_dict() == as_dict["totals"]
    assert d.lines[0].reasons[0].to_dict() == as_dict["lines"][0]["reasons"][0]
    plan = rules.evaluate(__import__("conftest").PLAN_REQUEST)
    assert plan.lines[0].limits[0].to_dict()["remaining"] == Decimal(0)


def test_decision_round_trips_and_pickles(rules, auth_request):
    d = rules.evaluate(auth_request)
    assert medcover.Decision.from_json(d.to_json()) == d
    assert pickle.loads(pickle.dumps(d)) == d
    assert d != rules.evaluate({**auth_request, "id": "other"})
    with pytest.raises(ValueError):
        medcover.Decision.from_json("{}")


def test_reprs(rules, auth_request):
    d = rules.evaluate(auth_request)
    assert repr(d).startswith('Decision(id="r-1", member="m-1", date=2026-05-10')
    assert repr(d.lines[0]).startswith('Line(service="MINI-CONSULT"')
    assert "COVERED_BY_PROGRAM" in repr(d.lines[0].reasons[0])
    assert "insurer_pays=550.00" in repr(d.totals)
    for text in (repr(d), repr(d.lines), repr(d.totals), d.to_json(), str(d.to_dict())):
        assert auth_request["member"]["national_id"] not in text


def test_with_rosters(rules):
    request = {
        "date": "2026-04-01", "clinic": "mini-a", "reason": "acute",
        "member": {"id": "att-1", "birth_date": "1970-01-01", "sex": "M",
                   "policy": {"number": "P-9", "program": "mini/attach", "start": "2026-01-01", "end": "2026-12-31"}},
        "services": [{"code": "MINI-CONSULT"}],
    }
    assert rules.evaluate(request).lines[0].reason_codes == ["NOT_ON_ROSTER"]
    roster = {"id": "r-2026", "clinic": "mini-a", "received": "2026-01-01", "valid_from": "2026-01-01",
              "valid_to": "2026-12-31", "members": [{"member": "att-1", "program": "mini/attach"}]}
    attached = rules.with_rosters([roster])
    line = attached.evaluate(request).lines[0]
    assert (line.outcome, line.mode) == ("covered", "attachment")
    assert attached.with_rosters(json.dumps([])).evaluate(request) == attached.evaluate(request)
    assert rules.evaluate(request).lines[0].reason_codes == ["NOT_ON_ROSTER"]  # unchanged
    with pytest.raises(medcover.RuleError) as e:
        rules.with_rosters([{**roster, "clinic": "nowhere"}])
    assert "nowhere" in str(e.value)
    with pytest.raises(medcover.RuleError):
        rules.with_rosters([{**roster, "members": [{"member": "att-1", "program": "mini/nope"}]}])


def test_reason_codes_and_version():
    assert len(medcover.REASON_CODES) == 25
    assert medcover.REASON_CODES[0] == "COVERED_BY_PROGRAM"
    assert medcover.__version__.count(".") == 2


def test_typed_package_ships_stubs():
    from pathlib import Path

    package = Path(medcover.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_native.pyi").exists()


def test_rule_sets_pickle(rules, auth_request):
    for original in (rules, medcover.RuleSet.from_json(fixture_files())):
        again = pickle.loads(pickle.dumps(original))
        assert again.ids == original.ids and again.evaluate(auth_request) == original.evaluate(auth_request)
    roster = {"id": "r", "clinic": "mini-a", "received": "2026-01-01", "valid_from": "2026-01-01",
              "valid_to": "2026-12-31", "members": [{"member": "att-1", "program": "mini/attach"}]}
    attached = rules.with_rosters([roster])
    request = {"date": "2026-04-01", "clinic": "mini-a",
               "member": {"id": "att-1", "birth_date": "1970-01-01", "sex": "M",
                          "policy": {"number": "P", "program": "mini/attach", "start": "2026-01-01", "end": "2026-12-31"}},
               "services": [{"code": "MINI-CONSULT"}]}
    assert pickle.loads(pickle.dumps(attached)).evaluate(request).lines[0].outcome == "covered"

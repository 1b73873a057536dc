"""The uniffi-generated Python module against the built library.

Run by scripts/test-uniffi.sh:  python3 test_uniffi.py GEN_DIR FIXTURE_DIR
GEN_DIR holds medcover.py and libmedcover_uniffi.so side by side.
Plain asserts, no pytest needed; prints `python: N passed, M failed`.
"""

from decimal import Decimal
import json
import os
import sys
import traceback

GEN, FIXTURE = sys.argv[1], sys.argv[2]
sys.path.insert(0, GEN)

import medcover as mc  # noqa: E402  (the generated module, not the pyo3 wheel)

CNP = "2850312400014"


def svc(code, quantity=1):
    return mc.ServiceRequest(code=code, quantity=quantity)


def scenario1(**changes):
    request = mc.Request(
        id="scenario-1",
        date="2026-05-10",
        clinic="ro-oftalmo-cluj",
        booked_via=mc.BookedVia.INSURER,
        member=mc.Member(
            id="ro-m-1",
            birth_date="1985-03-12",
            sex=mc.Sex.F,
            national_id=CNP,
            policy=mc.Policy(
                number="OMN-P-1",
                program="ro-omniasig/standard",
                start="2026-01-01",
                end="2026-12-31",
            ),
        ),
        authorization=mc.Authorization(
            number="OMN-2026-000123",
            kind=mc.DocumentKind.AUTHORIZATION,
            valid_on="2026-05-10",
            services=[svc("OPH-CONSULT")],
            during_consultation=["OPH-OCT", "OPH-PERIMETRY"],
        ),
        services=[svc("OPH-CONSULT"), svc("OPH-OCT"), svc("OPH-TONOMETRY"), svc("OPH-YAG")],
    )
    for name, value in changes.items():
        setattr(request, name, value)
    return request


def codes(line):
    return [r.code for r in line.reasons]


def check_scenario1(d):
    assert d.ruleset == "ro-omniasig", d.ruleset
    assert d.id == "scenario-1"
    consult, oct_, tono, yag = d.lines
    assert consult.outcome == mc.Outcome.COVERED, consult
    assert mc.ReasonCode.AUTHORIZED_SERVICE in codes(consult), codes(consult)
    assert consult.mode == mc.Mode.AUTHORIZATION
    assert consult.insurer_pays == "250.00" and consult.patient_pays == "0.00", consult
    assert oct_.outcome == mc.Outcome.COVERED, oct_
    assert mc.ReasonCode.SUPPLEMENTARY_ON_FORM in codes(oct_), codes(oct_)
    assert oct_.insurer_pays == "300.00"
    assert tono.outcome == mc.Outcome.NEEDS_AUTHORIZATION, tono
    assert tono.next_step == mc.NextStep.REQUEST_EMAIL_AUTHORIZATION, tono.next_step
    assert yag.outcome == mc.Outcome.REFER_ELSEWHERE, yag
    assert yag.alternatives == ["ro-oftalmo-brasov"], yag.alternatives
    assert d.totals.insurer_pays == "550.00", d.totals
    assert d.requirements == [mc.Requirement.IDENTITY_DOCUMENT, mc.Requirement.MEMBER_SIGNATURE], d.requirements


def expect_request_error(rules, request, kind, path):
    try:
        rules.evaluate(request)
    except mc.MedcoverError.Request as e:
        assert e.kind == kind, e
        assert e.path == path, e
        return e
    raise AssertionError(f"no MedcoverError.Request for {path}")


RULES = mc.RuleSet(FIXTURE)


def test_scenario1_from_path():
    assert RULES.ids() == ["ro-omniasig"]
    check_scenario1(RULES.evaluate(scenario1()))


def test_scenario1_from_files():
    files = {}
    for name in sorted(os.listdir(FIXTURE)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(FIXTURE, name), encoding="utf-8") as f:
            files[name] = f.read()
    check_scenario1(mc.RuleSet.from_files(files).evaluate(scenario1()))


def test_scenario2_wrong_date_covers_nothing():
    d = RULES.evaluate(scenario1(date="2026-05-11", services=[svc("OPH-CONSULT")]))
    line = d.lines[0]
    assert line.outcome != mc.Outcome.COVERED, line
    assert mc.ReasonCode.AUTHORIZATION_WRONG_DATE in codes(line), codes(line)
    assert Decimal(d.totals.insurer_pays) == 0, d.totals


def test_scenario3_child_requirements():
    request = scenario1(services=[svc("OPH-CONSULT")])
    request.member = mc.Member(
        id="ro-m-2", birth_date="2018-07-15", sex=mc.Sex.F, national_id="6180715401235",
        policy=request.member.policy,
    )
    d = RULES.evaluate(request)
    assert mc.Requirement.BIRTH_CERTIFICATE_COPY in d.requirements, d.requirements
    assert mc.Requirement.PARENT_IDENTITY_DOCUMENT in d.requirements, d.requirements
    assert mc.Requirement.IDENTITY_DOCUMENT not in d.requirements, d.requirements


def test_folder_of_rule_sets_routes_by_clinic():
    rules = mc.RuleSet(os.path.dirname(FIXTURE))
    assert rules.ids() == ["ro-omniasig"], rules.ids()
    assert sorted(rules.clinic_ids()) == ["ro-oftalmo-brasov", "ro-oftalmo-cluj"], rules.clinic_ids()
    check_scenario1(rules.evaluate(scenario1()))
    expect_request_error(rules, scenario1(clinic="ro-oftalmo-clujj"), mc.RequestErrorKind.UNKNOWN_REFERENCE, "clinic")


def test_trace_on_request():
    d = RULES.evaluate_with(scenario1(), mc.EvaluateOptions(trace=True))
    assert all(line.trace for line in d.lines)
    assert all(not line.trace for line in RULES.evaluate(scenario1()).lines)


def test_unknown_service_names_the_field():
    e = expect_request_error(
        RULES,
        scenario1(services=[svc("OPH-CONSULT"), svc("OPH-OCTX")]),
        mc.RequestErrorKind.UNKNOWN_REFERENCE,
        "services[1].code",
    )
    assert "OPH-OCTX" in e.detail and "OPH-OCT" in (e.help or ""), e


def test_impossible_date_names_the_field():
    e = expect_request_error(RULES, scenario1(date="2026-02-30"), mc.RequestErrorKind.INVALID_FIELD, "date")
    assert "2026-02-30" in e.detail, e
    request = scenario1()
    request.member.policy.end = "2026-13-01"
    expect_request_error(RULES, request, mc.RequestErrorKind.INVALID_FIELD, "member.policy.end")


def test_bad_money_names_the_field():
    history = [mc.HistoryEntry(date="2026-02-01", service="OPH-OCT", amount="300,00")]
    e = expect_request_error(RULES, scenario1(history=history), mc.RequestErrorKind.INVALID_FIELD, "history[0].amount")
    assert "300,00" in e.detail, e


def test_bad_national_id_is_never_echoed():
    request = scenario1()
    request.member.national_id = "2850312400015"
    e = expect_request_error(RULES, request, mc.RequestErrorKind.INVALID_NATIONAL_ID, "member.national_id")
    assert "2850312400015" not in f"{e} {e!r}", e


def test_broken_rules_list_their_problems():
    files = {
        "ruleset.json": '{"ruleset": {"id": "x", "name": "x"}}',
        "services.json": '{"services": [{"code": "A", "category": "nope", "price": "1"}]}',
    }
    try:
        mc.RuleSet.from_files(files)
    except mc.MedcoverError.Rules as e:
        assert e.problems and e.problems[0].file == "services.json", e.problems
    else:
        raise AssertionError("broken rules loaded")
    try:
        mc.RuleSet("/nonexistent/rules")
    except mc.MedcoverError.Rules as e:
        assert e.problems[0].kind == mc.ProblemKind.IO, e.problems
    else:
        raise AssertionError("missing folder loaded")


def test_json_entry_point():
    text = RULES.evaluate_json(json.dumps({
        "date": "2026-05-10", "clinic": "ro-oftalmo-cluj",
        "member": {"id": "u-1", "birth_date": "1990-01-01", "sex": "M"},
        "services": [{"code": "OPH-CONSULT"}],
    }))
    decision = json.loads(text)
    assert decision["lines"][0]["service"] == "OPH-CONSULT", decision
    try:
        RULES.evaluate_json("{")
    except mc.MedcoverError.Request as e:
        assert e.kind == mc.RequestErrorKind.MALFORMED and e.line == 1, e
    else:
        raise AssertionError("malformed JSON evaluated")


def test_reason_code_names():
    assert mc.reason_code_name(mc.ReasonCode.SUPPLEMENTARY_ON_FORM) == "SUPPLEMENTARY_ON_FORM"


def main():
    tests = [(name, f) for name, f in sorted(globals().items()) if name.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, test in tests:
        try:
            test()
        except Exception:  # a failed assert or an unexpected error: report, go on
            failed += 1
            print(f"FAIL python {name}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok   python {name}")
    print(f"python: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

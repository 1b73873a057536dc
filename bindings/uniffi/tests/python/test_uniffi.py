"""The uniffi-generated Python module against the built library.

Run by scripts/test-uniffi.sh:  python3 test_uniffi.py GEN_DIR FIXTURE_DIR [RULES_DIR]
GEN_DIR holds medcover.py and libmedcover_uniffi.so side by side; FIXTURE_DIR is
the ro-omniasig test fixture; RULES_DIR (default: the repository's `rules/`) the
bundled rules, for the member reports, providers, helpdesk and routing.
Plain asserts, no pytest needed; prints `python: N passed, M failed`.
"""

from decimal import Decimal
import json
import os
import sys
import traceback

GEN, FIXTURE = sys.argv[1], sys.argv[2]
BUNDLED = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "rules")
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


def test_reasons_in_the_chosen_language():
    ru = RULES.evaluate_with(scenario1(), mc.EvaluateOptions(lang=mc.Lang.RU))
    assert ru.lines[3].reasons[0].message.startswith("клиника `ro-oftalmo-cluj` не оказывает `OPH-YAG`")
    assert [l.outcome for l in ru.lines] == [l.outcome for l in RULES.evaluate(scenario1()).lines]


def test_reasons_without_messages():
    assert mc.EvaluateOptions().messages
    quiet = RULES.evaluate_with(scenario1(), mc.EvaluateOptions(messages=False))
    told = RULES.evaluate(scenario1())
    assert [r.code for l in quiet.lines for r in l.reasons] == [r.code for l in told.lines for r in l.reasons]
    assert all(r.message == "" for l in quiet.lines for r in l.reasons)
    assert all(r.message for l in told.lines for r in l.reasons)


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


def test_fhir_export():
    text = RULES.evaluate_fhir(scenario1(), None)
    assert CNP not in text
    resource = json.loads(text, parse_float=Decimal)
    assert resource["resourceType"] == "CoverageEligibilityResponse" and resource["id"] == "scenario-1"
    assert resource["preAuthRef"] == "OMN-2026-000123" and resource["patient"]["reference"] == "Patient/ro-m-1"
    items = resource["insurance"][0]["item"]
    assert [i["productOrService"]["coding"][0]["code"] for i in items] == [
        "OPH-CONSULT", "OPH-OCT", "OPH-TONOMETRY", "OPH-YAG"]
    assert [i["authorizationRequired"] for i in items] == [False, False, True, True]
    pays = [e["valueMoney"]["value"] for i in items for e in i["extension"] if e["url"].endswith("/insurer-pays")]
    assert sum(pays) == Decimal("550.00") and '"value":250.0}' in text, pays
    assert json.loads(RULES.evaluate_fhir_json(json.dumps({
        "date": "2026-05-10", "clinic": "ro-oftalmo-cluj",
        "member": {"id": "u-1", "birth_date": "1990-01-01", "sex": "M"},
        "services": [{"code": "OPH-CONSULT"}]}), "2026-05-10T09:30:00Z"))["created"] == "2026-05-10T09:30:00Z"
    expect_error(lambda: RULES.evaluate_fhir(scenario1(), "yesterday"), mc.RequestErrorKind.INVALID_FIELD, "created")


def test_reason_code_names():
    assert mc.reason_code_name(mc.ReasonCode.SUPPLEMENTARY_ON_FORM) == "SUPPLEMENTARY_ON_FORM"


# ---- the bundled rules: member reports, providers, helpdesk, routing ----

BUNDLED_RULES = mc.RuleSet(BUNDLED)


def expect_error(call, kind, path):
    """Runs call(), which must raise MedcoverError.Request of kind naming path."""
    try:
        call()
    except mc.MedcoverError.Request as e:
        assert e.kind == kind, e
        assert e.path == path, e
        return e
    raise AssertionError(f"no MedcoverError.Request for {path!r}")


def br_member(pre_existing=True, program="br-plan/enfermaria", policy=True):
    return mc.Member(
        id="br-m-1",
        birth_date="1990-04-02",
        sex=mc.Sex.F,
        pre_existing=pre_existing,
        policy=mc.Policy(
            number="BR-br-m-1", program=program, start="2026-01-01", end="2026-12-31", enrolled="2026-01-05",
        ) if policy else None,
    )


def br_query(member=None, **changes):
    query = mc.MemberQuery(
        date="2026-08-01",
        member=member or br_member(),
        history=[
            mc.HistoryEntry(date="2026-07-10", service="BR-PROPHY", amount="200.00", authorization="BR-A-0001"),
            mc.HistoryEntry(date="2026-07-20", service="BR-CONSULT"),
            mc.HistoryEntry(date="2025-11-02", service="BR-PROPHY", amount="200.00"),
        ],
    )
    for name, value in changes.items():
        setattr(query, name, value)
    return query


def siui_incident(**changes):
    incident = mc.Incident(
        system="SIUI",
        subject="Eroare la validarea serviciilor medicale",
        header={
            "provider_type": "CLINIC",
            "provider": "RO12345678 / Clinica Exemplu SRL",
            "doctor": "A12345",
            "problem_category": "validare",
        },
        body="La validarea serviciilor din luna martie apare eroarea E-102. Detalii in documentul atasat.",
        contact_phone="0722 123 456",
        attachments=["eroare.docx"],
    )
    for name, value in changes.items():
        setattr(incident, name, value)
    return incident


def test_bundled_rules_load():
    for ruleset in ["br-plan", "ro-cnas-helpdesk", "ro-omniasig", "ru-dms-dental", "ru-oms"]:
        assert ruleset in BUNDLED_RULES.ids(), BUNDLED_RULES.ids()


def test_scenario9_waiting_periods_report():
    r = BUNDLED_RULES.waiting_periods_report(br_query())
    assert (r.header.member, r.header.program, r.header.ruleset) == ("br-m-1", "br-plan/enfermaria", "br-plan"), r.header
    assert r.enrolled == "2026-01-05", r.enrolled
    ends = {w.id: w.ends for w in r.waiting_periods}
    assert ends == {
        "urgency-emergency": "2026-01-06",
        "childbirth": "2026-11-01",
        "general": "2026-07-04",
        "partial-temporary-coverage": "2028-01-05",
    }, ends
    ended = {w.id: w.ended for w in r.waiting_periods}
    assert ended["general"] and not ended["partial-temporary-coverage"] and not ended["childbirth"], ended
    plain = BUNDLED_RULES.waiting_periods_report(br_query(br_member(pre_existing=False)))
    assert [w.id for w in plain.waiting_periods] == ["urgency-emergency", "childbirth", "general"], plain


def test_limits_report():
    r = BUNDLED_RULES.limits_report(br_query())
    assert r.header.currency == "BRL", r.header
    assert [l.id for l in r.limits] == ["prophylaxis"], r.limits
    (l,) = r.limits
    assert l.unit == mc.LimitUnit.COUNT, l
    assert (l.allowed, l.consumed, l.remaining, l.period_start) == ("2", "1", "1", "2026-01-01"), l


def test_statement():
    s = BUNDLED_RULES.statement(br_query())
    assert (s._from, s.to) == ("2026-01-01", "2026-08-01"), s
    assert [(l.date, l.service, l.amount) for l in s.lines] == [
        ("2026-07-10", "BR-PROPHY", "200.00"),
        ("2026-07-20", "BR-CONSULT", "250.00"),
    ], s.lines
    assert s.total == "450.00" and Decimal(s.total) == Decimal("450.00"), s.total
    july = BUNDLED_RULES.statement(br_query(_from="2026-07-15", to="2026-07-31"))
    assert [l.service for l in july.lines] == ["BR-CONSULT"] and july.total == "250.00", july


def test_report_errors_name_the_field():
    e = expect_error(
        lambda: BUNDLED_RULES.limits_report(br_query(br_member(program="br-plan/enfermeria"))),
        mc.RequestErrorKind.UNKNOWN_REFERENCE,
        "member.policy.program",
    )
    assert "br-plan/enfermeria" in e.detail and "br-plan/enfermaria" in (e.help or ""), e
    assert "br-plan/enfermaria" in e.known and "ro-omniasig/standard" in e.known, e.known
    expect_error(
        lambda: BUNDLED_RULES.waiting_periods_report(br_query(br_member(program="nope"))),
        mc.RequestErrorKind.UNKNOWN_REFERENCE,
        "member.policy.program",
    )
    expect_error(
        lambda: BUNDLED_RULES.statement(br_query(to="2026-06-31")), mc.RequestErrorKind.INVALID_FIELD, "to"
    )
    expect_error(
        lambda: BUNDLED_RULES.statement(br_query(br_member(policy=False))),
        mc.RequestErrorKind.INVALID_FIELD,
        "member.policy",
    )


def test_providers_by_state():
    sp = BUNDLED_RULES.providers(mc.ProviderQuery(state="SP"))
    assert [p.id for p in sp] == ["br-hosp-sp", "br-clinic-campinas"], [p.id for p in sp]
    hosp, clinic = sp
    assert hosp.provider_type == mc.ProviderType.HOSPITAL and clinic.provider_type == mc.ProviderType.CLINIC, sp
    assert (hosp.city, hosp.state, hosp.in_network, hosp.ruleset) == ("São Paulo", "SP", True, "br-plan"), hosp
    assert hosp.specialties == ["emergency", "obstetrics", "cardiology"], hosp
    assert "psychology" in clinic.specialties and clinic.city == "Campinas", clinic


def test_providers_filters_and_errors():
    ids = lambda **q: [p.id for p in BUNDLED_RULES.providers(mc.ProviderQuery(**q))]  # noqa: E731
    assert ids(city="SAO PAULO") == ["br-hosp-sp"]
    assert ids(provider_type=mc.ProviderType.LABORATORY) == ["br-lab-rio"]
    assert ids(state="sp", specialty="Cardiology") == ["br-hosp-sp"]
    assert ids(state="XX") == []
    e = expect_error(
        lambda: BUNDLED_RULES.providers(mc.ProviderQuery(program="br-plan/enfermeria")),
        mc.RequestErrorKind.UNKNOWN_REFERENCE,
        "program",
    )
    assert "br-plan/enfermaria" in (e.help or "") and "br-plan/enfermaria" in e.known, e


def test_scenario11_helpdesk_channel():
    human, ivr = mc.Channel.HUMAN_EMAIL, mc.Channel.IVR
    for at, channel in [
        ("2026-03-10T10:15", human), ("2026-03-10T18:00", human),
        ("2026-03-10T18:01", ivr), ("2026-03-10T07:30", ivr),
        ("2026-03-14T09:00", human), ("2026-03-14T17:30", ivr),
        ("2026-12-01T12:00", human), ("2026-12-01T17:00", ivr),
    ]:
        answer = BUNDLED_RULES.helpdesk_channel(at)
        assert answer.channel == channel, (at, answer)
    answer = BUNDLED_RULES.helpdesk_channel("2026-03-10T18:01")
    assert answer.day_kind == mc.DayKind.WORKDAY and answer.next_human_email == "2026-03-11T08:00", answer
    holiday = BUNDLED_RULES.helpdesk_channel("2026-12-01T12:00")
    assert holiday.day_kind == mc.DayKind.PUBLIC_HOLIDAY and holiday.holiday.date == "2026-12-01", holiday
    e = expect_error(lambda: BUNDLED_RULES.helpdesk_channel("2026-02-30T10:00"), mc.RequestErrorKind.INVALID_FIELD, "at")
    assert "2026-02-30T10:00" in e.detail, e


def test_scenario12_validate_incident():
    ok = BUNDLED_RULES.validate_incident(siui_incident())
    assert ok.accepted and not ok.problems and ok.to == "suport.siui@casan.ro", ok
    pdf = BUNDLED_RULES.validate_incident(siui_incident(attachments=["captura.pdf"]))
    assert not pdf.accepted and [p.code for p in pdf.problems] == [mc.IncidentProblemCode.ATTACHMENT_TYPE_NOT_ALLOWED], pdf
    cnp = BUNDLED_RULES.validate_incident(siui_incident(body="Pacientul cu CNP 2850312400014 nu apare."))
    assert not cnp.accepted and mc.IncidentProblemCode.PERSONAL_DATA in [p.code for p in cnp.problems], cnp
    assert all("2850312400014" not in p.message for p in cnp.problems), cnp
    header = dict(siui_incident().header, provider_type="SPACESHIP")
    bad_type = BUNDLED_RULES.validate_incident(siui_incident(header=header))
    assert [(p.code, p.field) for p in bad_type.problems] == [
        (mc.IncidentProblemCode.INVALID_FIELD_VALUE, "header.provider_type")
    ], bad_type
    assert mc.incident_problem_code_name(mc.IncidentProblemCode.MISSING_FIELD) == "MISSING_FIELD"


def test_scenario13_route():
    assert BUNDLED_RULES.route("dispute").level == 3
    assert BUNDLED_RULES.route("checkup_reminder").level == 2
    assert BUNDLED_RULES.route("choose_doctor").level == 1
    dispute = BUNDLED_RULES.route("dispute")
    assert dispute.escalated and dispute.path == [1, 3], dispute


def test_unknown_topic_lists_the_known_topics():
    e = expect_error(lambda: BUNDLED_RULES.route("disput"), mc.RequestErrorKind.UNKNOWN_REFERENCE, "topic")
    assert len(e.known) == 11 and "dispute" in e.known and "legal_help" in e.known, e.known
    assert "dispute" in (e.help or ""), e


def test_checkup_eligibility():
    forty = BUNDLED_RULES.checkup_eligibility("1986-05-10", "2026-05-10")
    assert forty.eligible and forty.age == 40 and forty.every_years == 1, forty
    expect_error(
        lambda: BUNDLED_RULES.checkup_eligibility("1986-05-10", "2026-05-32"), mc.RequestErrorKind.INVALID_FIELD, "on"
    )


def test_helpdesk_and_routing_need_their_rules():
    expect_error(lambda: RULES.helpdesk_channel("2026-03-10T10:15"), mc.RequestErrorKind.NOT_IN_RULES, "")
    expect_error(lambda: RULES.route("dispute"), mc.RequestErrorKind.NOT_IN_RULES, "")


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

"""Beside evaluation, on the bundled rules (`rules/` at the repository root):
member reports, the provider directory, the helpdesk schedule and incident
intake, representative routing and check-ups, and the rule authors' cases
(DOMAIN.md §2.4, §2.5, §5 scenarios 9, 11, 12, 13)."""

from __future__ import annotations

import copy
import datetime
import json
from decimal import Decimal
from typing import Any, Dict

import pytest
from conftest import BUNDLED, CNP, REPO

import medcover

pytestmark = pytest.mark.skipif(not BUNDLED.is_dir(), reason=f"no bundled rules at {BUNDLED}")

EXAMPLES = REPO / "examples"


@pytest.fixture(scope="module")
def bundled() -> medcover.RuleSet:
    return medcover.RuleSet.load(BUNDLED)


@pytest.fixture
def query() -> Dict[str, Any]:
    """br-m-1 (scenario 9): enrolled 2026-01-05, pre-existing conditions."""
    return json.loads((EXAMPLES / "member-br-m-1.json").read_text())


@pytest.fixture
def incident() -> Dict[str, Any]:
    """A complete SIUI validation incident (scenario 12)."""
    return json.loads((EXAMPLES / "incident-siui.json").read_text())


# ---------------------------------------------------------------- reports


def test_waiting_periods_report_scenario_9(bundled, query):
    report = bundled.waiting_periods_report(query)
    assert isinstance(report, medcover.WaitingPeriodsReport)
    assert (report.member, report.program, report.ruleset) == ("br-m-1", "br-plan/enfermaria", "br-plan")
    assert report.date == datetime.date(2026, 8, 1)
    assert report.enrolled == datetime.date(2026, 1, 5)
    ends = {w.id: w.ends for w in report.waiting_periods}
    assert ends["partial-temporary-coverage"] == datetime.date(2028, 1, 5)
    assert ends["general"] == datetime.date(2026, 7, 4)
    assert ends["childbirth"] == datetime.date(2026, 11, 1)
    assert ends["urgency-emergency"] == datetime.date(2026, 1, 6)
    ended = {w.id: w.ended for w in report.waiting_periods}
    assert ended == {"urgency-emergency": True, "childbirth": False, "general": True,
                     "partial-temporary-coverage": False}
    assert all(w.name and w.length and w.rule for w in report.waiting_periods)
    as_dict = report.to_dict()
    assert as_dict["enrolled"] == datetime.date(2026, 1, 5)
    assert as_dict["waiting_periods"][-1]["ends"] == datetime.date(2028, 1, 5)
    assert json.loads(report.to_json())["waiting_periods"][-1]["ends"] == "2028-01-05"
    assert report == bundled.waiting_periods_report(json.dumps(query))


def test_without_pre_existing_conditions_no_partial_temporary_coverage(bundled, query):
    query["member"]["pre_existing"] = False
    ids = [w.id for w in bundled.waiting_periods_report(query).waiting_periods]
    assert "partial-temporary-coverage" not in ids
    assert "general" in ids


def test_limits_report_with_decimal_amounts(bundled, query):
    report = bundled.limits_report(query)
    assert isinstance(report, medcover.LimitsReport)
    assert report.currency == "BRL"
    (prophylaxis,) = [limit for limit in report.limits if limit.id == "prophylaxis"]
    assert prophylaxis.unit == "count"
    assert (prophylaxis.allowed, prophylaxis.consumed, prophylaxis.remaining) == (Decimal(2), Decimal(1), Decimal(1))
    assert all(isinstance(v, Decimal) for v in (prophylaxis.allowed, prophylaxis.consumed, prophylaxis.remaining))
    assert prophylaxis.period_start == datetime.date(2026, 1, 1)
    row = prophylaxis.to_dict()
    assert row["remaining"] == Decimal(1) and row["period_start"] == datetime.date(2026, 1, 1)
    assert report.to_dict()["limits"][0]["id"] == report.limits[0].id


def test_statement_with_decimal_amounts(bundled, query):
    statement = bundled.statement(query)
    assert isinstance(statement, medcover.Statement)
    assert statement.from_date == datetime.date(2026, 1, 1)
    assert statement.to_date == datetime.date(2026, 8, 1)
    assert [(line.date, line.service) for line in statement.lines] == [
        (datetime.date(2026, 7, 10), "BR-PROPHY"),
        (datetime.date(2026, 7, 20), "BR-CONSULT"),
    ]
    prophy, consult = statement.lines
    assert prophy.amount == Decimal("200.00") and prophy.authorization == "BR-A-0001"
    # No amount recorded: the price in force.
    assert consult.amount == Decimal("250.00") and str(consult.amount) == "250.00"
    assert statement.total == Decimal("450.00") and str(statement.total) == "450.00"
    as_dict = statement.to_dict()
    assert (as_dict["from"], as_dict["to"]) == (datetime.date(2026, 1, 1), datetime.date(2026, 8, 1))
    assert as_dict["total"] == Decimal("450.00") and isinstance(as_dict["total"], Decimal)
    assert json.loads(statement.to_json())["total"] == "450.00"


def test_statement_period_from_the_query(bundled, query):
    query["from"] = datetime.date(2026, 7, 15)
    query["to"] = "2026-07-31"
    statement = bundled.statement(query)
    assert [line.service for line in statement.lines] == ["BR-CONSULT"]
    assert statement.total == Decimal("250.00")


def test_report_errors_name_the_field_path(bundled, query):
    bad = copy.deepcopy(query)
    bad["member"]["policy"]["start"] = "2026-02-30"
    with pytest.raises(medcover.RequestError) as e:
        bundled.limits_report(bad)
    assert e.value.path == "member.policy.start" and e.value.kind == "invalid_field"
    assert " at line " not in e.value.message

    bad = copy.deepcopy(query)
    bad["member"]["policy"]["program"] = "br-plan/enfermari"
    with pytest.raises(medcover.RequestError) as e:
        bundled.waiting_periods_report(bad)
    assert (e.value.kind, e.value.path) == ("unknown_reference", "member.policy.program")
    assert "br-plan/enfermaria" in (e.value.help or "")

    bad = copy.deepcopy(query)
    bad["history"][0]["service"] = "BR-NOPE"
    with pytest.raises(medcover.RequestError) as e:
        bundled.statement(bad)
    assert (e.value.kind, e.value.path) == ("unknown_reference", "history[0].service")

    bad = copy.deepcopy(query)
    del bad["member"]["policy"]
    with pytest.raises(medcover.RequestError) as e:
        bundled.statement(bad)
    assert e.value.path == "member.policy"

    bad = copy.deepcopy(query)
    bad["from"], bad["to"] = "2026-08-01", "2026-07-01"
    with pytest.raises(medcover.RequestError) as e:
        bundled.statement(bad)
    assert e.value.path == "to"

    bad = copy.deepcopy(query)
    bad["history"][0]["amount"] = 200.0
    with pytest.raises(medcover.RequestError) as e:
        bundled.statement(bad)
    assert e.value.path == "history[0].amount" and "float" in e.value.message

    with pytest.raises(medcover.RequestError) as e:
        bundled.limits_report("{not json")
    assert e.value.kind == "malformed"
    with pytest.raises(medcover.RequestError) as e:
        bundled.limits_report(42)  # type: ignore[arg-type]
    assert "member query" in str(e.value)


def test_report_errors_never_quote_a_national_id(bundled, query):
    query["member"]["national_id"] = int(CNP)
    with pytest.raises(medcover.RequestError) as e:
        bundled.limits_report(query)
    assert e.value.path == "member.national_id"
    assert CNP not in str(e.value) and CNP not in repr(e.value)
    query["member"]["national_id"] = CNP
    query["member"]["sex"] = CNP
    with pytest.raises(medcover.RequestError) as e:
        bundled.limits_report(query)
    assert e.value.path == "member.sex"
    assert CNP not in str(e.value) and CNP not in repr(e.value)


# ---------------------------------------------------------------- directory


def test_providers_in_sao_paulo_state(bundled):
    found = bundled.providers(state="SP")
    assert [p.id for p in found] == ["br-hosp-sp", "br-clinic-campinas"]
    hospital = found[0]
    assert isinstance(hospital, medcover.Provider)
    assert (hospital.type, hospital.state, hospital.ruleset) == ("hospital", "SP", "br-plan")
    assert "cardiology" in hospital.specialties
    assert hospital.to_dict()["type"] == "hospital"
    assert repr(hospital) == 'Provider(id="br-hosp-sp", type="hospital", city="São Paulo", state="SP")'
    assert json.loads(hospital.to_json())["id"] == "br-hosp-sp"


def test_provider_filters(bundled):
    assert [p.id for p in bundled.providers(city="sao paulo")] == ["br-hosp-sp"]
    assert [p.id for p in bundled.providers(state="SP", type="Clinic")] == ["br-clinic-campinas"]
    assert [p.id for p in bundled.providers(specialty="psychology")] == ["br-clinic-campinas"]
    assert [p.id for p in bundled.providers(type="laboratory")] == ["br-lab-rio"]
    assert [p.id for p in bundled.providers(service="OPH-YAG")] == ["ro-oftalmo-brasov"]
    assert {p.id for p in bundled.providers(program="ro-omniasig/standard")} >= {"ro-oftalmo-cluj", "ro-oftalmo-brasov"}
    assert bundled.providers(state="ZZ") == []
    assert len(bundled.providers()) >= 7


def test_provider_errors(bundled):
    with pytest.raises(medcover.RequestError) as e:
        bundled.providers(type="hospitl")
    assert (e.value.kind, e.value.path) == ("invalid_field", "type")
    assert "hospital" in (e.value.help or "")
    with pytest.raises(medcover.RequestError) as e:
        bundled.providers(program="br-plan/enfermari")
    assert (e.value.kind, e.value.path) == ("unknown_reference", "program")
    assert "br-plan/enfermaria" in (e.value.help or "")
    with pytest.raises(medcover.RequestError) as e:
        bundled.providers(service="OPH-YAGG")
    assert (e.value.kind, e.value.path) == ("unknown_reference", "service")


# ---------------------------------------------------------------- helpdesk


@pytest.mark.parametrize(
    "at, channel, day_kind",
    [
        ("2026-03-10T10:15", "human_email", "workday"),
        ("2026-03-10T18:00", "human_email", "workday"),
        ("2026-03-10T18:01", "ivr", "workday"),
        ("2026-03-10T07:30", "ivr", "workday"),
        ("2026-03-14T09:00", "human_email", "weekend"),
        ("2026-03-14T17:30", "ivr", "weekend"),
        ("2026-12-01T12:00", "human_email", "public_holiday"),
        ("2026-12-01T17:00", "ivr", "public_holiday"),
    ],
)
def test_helpdesk_channel_scenario_11(bundled, at, channel, day_kind):
    answer = bundled.helpdesk_channel(at)
    assert isinstance(answer, medcover.ChannelAnswer)
    assert (answer.channel, answer.day_kind) == (channel, day_kind)
    moment = datetime.datetime.fromisoformat(at)
    assert answer.at == moment
    assert bundled.helpdesk_channel(moment) == answer
    if channel == "ivr":
        assert answer.window is None and answer.next_human_email is not None and answer.next_human_email > moment
    else:
        start, end = answer.window  # type: ignore[misc]
        assert start <= moment.time() <= end and answer.next_human_email is None


def test_helpdesk_channel_details(bundled):
    answer = bundled.helpdesk_channel(datetime.datetime(2026, 12, 1, 17, 0, 42))
    assert answer.at == datetime.datetime(2026, 12, 1, 17, 0)
    assert answer.holiday  # the holiday's name
    assert answer.human_email_windows == [(datetime.time(8, 0), datetime.time(16, 0))]
    as_dict = answer.to_dict()
    assert as_dict["holiday"]["date"] == datetime.date(2026, 12, 1)
    assert as_dict["human_email_windows"] == [{"from": datetime.time(8, 0), "to": datetime.time(16, 0)}]
    assert json.loads(answer.to_json())["channel"] == "ivr"
    assert bundled.helpdesk_channel("2026-03-10 18:00:59").channel == "human_email"


def test_helpdesk_channel_errors(bundled):
    for bad in ["2026-03-10T25:00", "yesterday", "2026-02-30T10:00"]:
        with pytest.raises(medcover.RequestError) as e:
            bundled.helpdesk_channel(bad)
        assert (e.value.kind, e.value.path) == ("invalid_field", "at")
    aware = datetime.datetime(2026, 3, 10, 10, 15, tzinfo=datetime.timezone.utc)
    with pytest.raises(medcover.RequestError, match="time zone"):
        bundled.helpdesk_channel(aware)
    with pytest.raises(medcover.RequestError) as e:
        bundled.helpdesk_channel(datetime.date(2026, 3, 10))  # type: ignore[arg-type]
    assert e.value.path == "at"


def test_no_helpdesk_in_the_rules_is_a_medcover_error():
    rules = medcover.RuleSet.load(BUNDLED / "br-plan")
    with pytest.raises(medcover.MedcoverError, match="helpdesk") as e:
        rules.helpdesk_channel("2026-03-10T10:15")
    assert not isinstance(e.value, medcover.RequestError)
    with pytest.raises(medcover.MedcoverError, match="representatives"):
        rules.route("dispute")


def test_complete_incident_is_accepted_scenario_12(bundled, incident):
    verdict = bundled.validate_incident(incident)
    assert isinstance(verdict, medcover.IncidentVerdict)
    assert verdict.accepted and verdict
    assert (verdict.system, verdict.to) == ("SIUI", "suport.siui@casan.ro")
    assert verdict.problems == []
    text = (EXAMPLES / "incident-siui.json").read_text()
    assert bundled.validate_incident(text) == verdict
    assert bundled.validate_incident(text.encode()) == verdict
    assert verdict.to_dict() == {"accepted": True, "system": "SIUI", "to": "suport.siui@casan.ro",
                                 "phone": None, "problems": []}


def test_pdf_attachment_is_not_allowed(bundled, incident):
    incident["attachments"] = ["captura.pdf"]
    verdict = bundled.validate_incident(incident)
    assert not verdict.accepted and not verdict
    assert [(p.code, p.field) for p in verdict.problems] == [("ATTACHMENT_TYPE_NOT_ALLOWED", "attachments[0]")]
    assert verdict.problem_codes == ["ATTACHMENT_TYPE_NOT_ALLOWED"]
    assert verdict.to == "suport.siui@casan.ro"
    assert repr(verdict).startswith('IncidentVerdict(accepted=False, system="SIUI", to="suport.siui@casan.ro"')


def test_personal_data_in_the_body_is_never_echoed(bundled, incident):
    incident["body"] = f"Pacientul cu CNP {CNP} nu poate fi validat."
    verdict = bundled.validate_incident(incident)
    assert not verdict.accepted
    assert [(p.code, p.field) for p in verdict.problems] == [("PERSONAL_DATA", "body")]
    for text in (repr(verdict), verdict.to_json(), repr(verdict.to_dict()), repr(verdict.problems),
                 verdict.problems[0].message, str(verdict.problems[0].help)):
        assert CNP not in text


def test_personal_data_in_an_attachment_name_is_never_echoed(bundled, incident):
    incident["attachments"] = [f"{CNP}.pdf", "ion.popescu@gmail.com.docx"]
    verdict = bundled.validate_incident(incident)
    codes = {(p.code, p.field) for p in verdict.problems}
    assert ("ATTACHMENT_TYPE_NOT_ALLOWED", "attachments[0]") in codes
    assert ("PERSONAL_DATA", "attachments[0]") in codes
    assert ("PERSONAL_DATA", "attachments[1]") in codes
    dumped = verdict.to_json() + repr(verdict.to_dict())
    assert CNP not in dumped and "popescu@gmail" not in dumped


def test_provider_type_outside_the_list(bundled, incident):
    incident["header"]["provider_type"] = "CLINICA PRIVATA"
    verdict = bundled.validate_incident(incident)
    assert [(p.code, p.field) for p in verdict.problems] == [("INVALID_FIELD_VALUE", "header.provider_type")]
    assert "CLINIC" in verdict.problems[0].message


def test_missing_fields_and_unknown_system(bundled, incident):
    del incident["header"]["provider_type"]
    del incident["subject"]
    verdict = bundled.validate_incident(incident)
    assert {(p.code, p.field) for p in verdict.problems} == {
        ("MISSING_FIELD", "header.provider_type"), ("MISSING_FIELD", "subject")}
    verdict = bundled.validate_incident({"system": "SIUX", "subject": "x", "body": "y"})
    assert verdict.system is None and verdict.to is None
    assert ("INVALID_FIELD_VALUE", "system") in {(p.code, p.field) for p in verdict.problems}


def test_incident_input_errors_name_the_field_and_never_echo_personal_data(bundled, incident):
    incident["body"] = int(CNP)
    with pytest.raises(medcover.RequestError) as e:
        bundled.validate_incident(incident)
    assert (e.value.kind, e.value.path) == ("invalid_field", "body")
    assert CNP not in str(e.value) and CNP not in repr(e.value)
    incident["body"] = "text"
    incident["attachments"] = f"{CNP}.docx"
    with pytest.raises(medcover.RequestError) as e:
        bundled.validate_incident(incident)
    assert e.value.path == "attachments" and CNP not in str(e.value)
    incident["attachments"] = []
    incident["priority"] = "high"
    with pytest.raises(medcover.RequestError) as e:
        bundled.validate_incident(incident)
    assert "priority" in str(e.value)
    with pytest.raises(medcover.RequestError) as e:
        bundled.validate_incident('{"system": "SIUI",')
    assert e.value.kind == "malformed"


# ---------------------------------------------------------------- representatives


@pytest.mark.parametrize("topic, level", [("dispute", 3), ("checkup_reminder", 2), ("choose_doctor", 1)])
def test_route_scenario_13(bundled, topic, level):
    route = bundled.route(topic)
    assert isinstance(route, medcover.Route)
    assert (route.topic, route.level) == (topic, level)
    assert route.entry_level == 1
    assert route.path == ([1] if level == 1 else [1, level])
    assert route.escalated == (level != 1)
    assert route.channels and all(isinstance(c, str) for c in route.channels)
    assert [c for c, _ in route.channel_names] == route.channels
    assert route.to_dict()["level"] == level and route.to_dict()["path"] == route.path
    assert json.loads(route.to_json())["path"] == route.path


def test_route_ignores_case_and_dashes(bundled):
    assert bundled.route("Choose-Doctor").topic == "choose_doctor"


def test_unknown_topic_lists_the_known_topics(bundled):
    with pytest.raises(medcover.RequestError) as e:
        bundled.route("disput")
    assert (e.value.kind, e.value.path) == ("unknown_reference", "topic")
    for topic in ("choose_doctor", "checkup_reminder", "dispute", "legal_help"):
        assert topic in e.value.message
    assert "dispute" in (e.value.help or "")


def test_checkup_eligibility(bundled):
    # Born 1987: turns 39 in 2026 (18, 21, …, 39: a check-up year).
    answer = bundled.checkup_eligibility(datetime.date(1987, 6, 1), "2026-03-01")
    assert isinstance(answer, medcover.CheckupAnswer)
    assert (answer.age, answer.eligible, answer.every_years) == (39, True, 3) and answer
    assert answer.on == datetime.date(2026, 3, 1)
    assert answer.age_basis == "age_reached_in_year"
    # Turns 38: not a check-up year; 40 is next, yearly from then.
    answer = bundled.checkup_eligibility("1988-06-01", datetime.date(2026, 3, 1))
    assert not answer.eligible
    assert answer.next_eligible_age == 39 and answer.next_eligible_from == datetime.date(2027, 1, 1)
    assert bundled.checkup_eligibility("1980-01-01", "2026-01-01").eligible
    assert bundled.checkup_eligibility("1980-01-01", "2026-01-01").to_dict()["on"] == datetime.date(2026, 1, 1)


def test_checkup_errors(bundled):
    with pytest.raises(medcover.RequestError) as e:
        bundled.checkup_eligibility("1987-02-30", "2026-03-01")
    assert (e.value.kind, e.value.path) == ("invalid_field", "birth_date")
    with pytest.raises(medcover.RequestError) as e:
        bundled.checkup_eligibility("1987-01-01", datetime.datetime(2026, 3, 1))  # type: ignore[arg-type]
    assert e.value.path == "on"
    with pytest.raises(medcover.RequestError) as e:
        bundled.checkup_eligibility("2027-01-01", "2026-03-01")
    assert e.value.path == "on"


# ---------------------------------------------------------------- cases


def test_run_cases_on_the_bundled_rules():
    report = medcover.run_cases(str(BUNDLED))
    assert isinstance(report, medcover.CaseReport)
    assert report.failed == 0, [(r.name, r.failures) for r in report.failures]
    assert report.passed > 100 and report.ok
    assert report.total == len(report) == len(report.results) == report.passed
    assert {r.ruleset for r in report.results} >= {"br-plan", "ro-cnas-helpdesk", "ro-omniasig", "ru-dms-dental", "ru-oms"}
    first = report.results[0]
    assert first.passed and first.failures == [] and first.file.endswith(".json")
    assert report.to_dict()["passed"] == report.passed
    assert json.loads(report.to_json())["results"][0]["name"] == first.name


def test_run_cases_reports_a_failing_case(tmp_path):
    import shutil

    folder = tmp_path / "br-plan"
    shutil.copytree(BUNDLED / "br-plan", folder)
    cases = folder / "cases" / "waiting-periods-and-limits.json"
    data = json.loads(cases.read_text())
    data["cases"] = data["cases"][:1]
    data["cases"][0]["expect"]["lines"][0]["waiting_period_ends"] = "2026-07-05"
    cases.write_text(json.dumps(data))
    report = medcover.run_cases(folder)
    assert (report.passed, report.failed, report.ok) == (0, 1, False)
    (failure,) = report.failures
    assert "2026-07-05" in failure.failures[0]


def test_run_cases_on_a_broken_folder(tmp_path):
    with pytest.raises(medcover.RuleError):
        medcover.run_cases(tmp_path / "missing")

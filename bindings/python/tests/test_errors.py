"""Exceptions: RuleError with located problems, RequestError with path and
kind, refusal of floats, and no national id in any message or repr."""

from __future__ import annotations

import datetime
import json
import pickle
from decimal import Decimal

import pytest
from conftest import CNP, FIXTURE, fixture_files

import medcover
from medcover import MedcoverError, RequestError, RuleError, RuleProblem


def test_hierarchy():
    assert issubclass(RuleError, MedcoverError) and issubclass(RequestError, MedcoverError)
    assert issubclass(MedcoverError, Exception)


def test_rule_error_lists_every_problem_with_its_place():
    files = fixture_files()
    services = json.loads(files["services.json"])
    services["services"][0]["price"] = "-1.00"
    services["services"][1]["category"] = "astrology"
    files["services.json"] = json.dumps(services, indent=2)
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.from_json(files)
    err = info.value
    assert len(err.problems) >= 2
    assert all(isinstance(p, RuleProblem) for p in err.problems)
    by_kind = {p.kind: p for p in err.problems}
    price = by_kind["invalid_value"]
    assert price.file == "services.json"
    assert price.path == "/services/0/price"
    assert price.line is not None and price.line > 1 and price.column is not None
    assert "-1.00" in price.message
    assert "astrology" in str(err)
    assert str(price).startswith(f"services.json:{price.line}:{price.column} at `/services/0/price`")


def test_rule_error_syntax_and_unknown_reference():
    files = fixture_files()
    files["clinics.json"] = '{"clinics": [ {"id": "x", '
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.from_json(files)
    (problem,) = info.value.problems
    assert problem.kind == "syntax" and problem.file == "clinics.json" and problem.line == 1
    files = fixture_files()
    programs = json.loads(files["programs.json"])
    programs["programs"][0]["covers"][0]["services"] = {"codes": ["MINI-CONSULTT"]}
    files["programs.json"] = json.dumps(programs)
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.from_json(files)
    problem = info.value.problems[0]
    assert problem.kind == "unknown_reference" and "MINI-CONSULTT" in problem.message
    assert problem.help and "MINI-CONSULT" in problem.help


def test_rule_error_from_load(tmp_path):
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.load(tmp_path / "missing")
    assert info.value.problems[0].kind == "io"
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuleError):
        medcover.RuleSet.load(tmp_path / "empty")
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "renamed")
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.load(tmp_path / "renamed")
    assert info.value.problems[0].path == "/ruleset/id"
    assert info.value.problems[0].file.endswith("ruleset.json")


def test_rule_files_as_dicts_refuse_floats():
    files = fixture_files()
    services = json.loads(files["services.json"])
    services["services"][0]["price"] = 250.0
    files["services.json"] = services
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.from_json(files)
    (problem,) = info.value.problems
    assert problem.file == "services.json" and problem.path == "/services/0/price" and "float" in problem.message
    with pytest.raises(TypeError):
        medcover.RuleSet.from_json(42)


def test_rule_error_pickles():
    with pytest.raises(RuleError) as info:
        medcover.RuleSet.from_json({"ruleset.json": "{"})
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems and str(again) == str(info.value)


def request_error(rules, request) -> RequestError:
    with pytest.raises(RequestError) as info:
        rules.evaluate(request)
    return info.value


def test_malformed_json(rules):
    e = request_error(rules, '{"date": "2026-05-10",')
    assert e.kind == "malformed" and e.path == "" and e.position is not None and e.position[0] == 1
    assert request_error(rules, b"\xff").kind == "malformed"
    assert request_error(rules, 42).kind == "malformed"


def test_missing_mistyped_and_impossible_fields(rules, auth_request):
    del auth_request["member"]["birth_date"]
    e = request_error(rules, auth_request)
    assert (e.kind, e.path) == ("invalid_field", "member")
    assert "birth_date" in e.message
    auth_request["member"]["birth_date"] = "1985-02-30"
    e = request_error(rules, auth_request)
    assert e.path == "member.birth_date" and "1985-02-30" in str(e)
    auth_request["member"]["birth_date"] = "1985-03-12"
    auth_request["services"][1]["quantity"] = "two"
    e = request_error(rules, auth_request)
    assert e.path == "services[1].quantity"
    assert str(e).startswith("`services[1].quantity`: ")


def test_unknown_references_suggest(rules, auth_request):
    auth_request["clinic"] = "mini-aa"
    e = request_error(rules, auth_request)
    assert (e.kind, e.path) == ("unknown_reference", "clinic")
    assert e.help and "mini-a" in e.help
    auth_request["clinic"] = "mini-a"
    auth_request["services"][2]["code"] = "MINI-TONOO"
    e = request_error(rules, auth_request)
    assert (e.kind, e.path) == ("unknown_reference", "services[2].code")


def test_float_money_is_refused_with_its_path(rules, plan_request):
    plan_request["history"][0]["amount"] = 250.0
    e = request_error(rules, plan_request)
    assert (e.kind, e.path) == ("invalid_field", "history[0].amount")
    assert "float" in e.message and "Decimal" in (e.help or "")
    plan_request["history"][0]["amount"] = Decimal("NaN")
    assert request_error(rules, plan_request).path == "history[0].amount"
    plan_request["history"][0]["amount"] = "250.00"
    plan_request["services"][0]["quantity"] = 2.0
    assert request_error(rules, plan_request).path == "services[0].quantity"


def test_datetimes_and_odd_types_are_refused(rules, plan_request):
    plan_request["date"] = datetime.datetime(2026, 3, 1, 10, 0)
    e = request_error(rules, plan_request)
    assert e.path == "date" and "datetime" in e.message
    plan_request["date"] = "2026-03-01"
    plan_request["services"] = {("a",): 1}
    assert request_error(rules, plan_request).path == "services"
    plan_request["services"] = [{"code": {1, 2}}]
    e = request_error(rules, plan_request)
    assert e.path == "services[0].code" and "set" in e.message
    deep: dict = {}
    node = deep
    for _ in range(100):
        node["x"] = {}
        node = node["x"]
    plan_request["services"] = [deep]
    assert request_error(rules, plan_request).kind == "too_large"


def test_national_id_never_appears(rules, auth_request):
    bad = CNP[:-1] + ("0" if CNP[-1] != "0" else "1")  # wrong check digit
    auth_request["member"]["national_id"] = bad
    e = request_error(rules, auth_request)
    assert (e.kind, e.path) == ("invalid_national_id", "member.national_id")
    for text in (str(e), repr(e), e.message, str(e.args)):
        assert bad not in text
    auth_request["member"]["national_id"] = int(bad)
    e = request_error(rules, auth_request)
    assert e.path == "member.national_id" and bad not in str(e) and bad not in repr(e)
    auth_request["member"]["national_id"] = float(bad)
    e = request_error(rules, auth_request)
    assert e.path == "member.national_id" and bad[:8] not in str(e) and bad[:8] not in repr(e)
    # A CNP whose birth date disagrees with the member's.
    auth_request["member"]["national_id"] = CNP
    auth_request["member"]["birth_date"] = "1985-03-13"
    e = request_error(rules, auth_request)
    assert e.kind == "invalid_national_id" and CNP not in str(e) and CNP not in repr(e)


def test_request_error_pickles_and_reprs(rules, auth_request):
    auth_request["clinic"] = "nowhere"
    e = request_error(rules, auth_request)
    again = pickle.loads(pickle.dumps(e))
    assert (again.kind, again.path, str(again), again.help) == (e.kind, e.path, str(e), e.help)
    assert repr(e).startswith("RequestError(kind='unknown_reference', path='clinic'")


def test_a_panic_is_a_clean_medcover_error():
    from medcover import _native

    with pytest.raises(MedcoverError) as info:
        _native._selftest_panic()
    assert type(info.value) is MedcoverError
    assert "internal error" in str(info.value)

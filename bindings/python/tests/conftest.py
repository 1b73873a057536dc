"""Shared fixtures: the small rule set in fixtures/mini and request builders."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Dict

import pytest

import medcover

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "mini"
REPO = HERE.parents[2]
# The bundled rules: `rules/` at the repository root (MEDCOVER_RULES overrides).
BUNDLED = Path(os.environ.get("MEDCOVER_RULES", REPO / "rules"))
BENCH_RULES = REPO / "benches" / "rules" / "bench"

CNP = "2850312400014"  # valid CNP of a woman born 1985-03-12

AUTH_REQUEST: Dict[str, Any] = {
    "id": "r-1",
    "date": "2026-05-10",
    "clinic": "mini-a",
    "booked_via": "insurer",
    "member": {
        "id": "m-1",
        "birth_date": "1985-03-12",
        "sex": "F",
        "national_id": CNP,
        "policy": {"number": "P-1", "program": "mini/auth", "start": "2026-01-01", "end": "2026-12-31"},
    },
    "authorization": {
        "number": "A-1",
        "kind": "authorization",
        "valid_on": "2026-05-10",
        "services": [{"code": "MINI-CONSULT", "quantity": 1}],
        "during_consultation": ["MINI-OCT"],
    },
    "services": [
        {"code": "MINI-CONSULT"},
        {"code": "MINI-OCT"},
        {"code": "MINI-TONO"},
        {"code": "MINI-YAG"},
        {"code": "MINI-IMPLANT"},
    ],
}

PLAN_REQUEST: Dict[str, Any] = {
    "id": "p-1",
    "date": "2026-03-01",
    "clinic": "mini-b",
    "reason": "acute",
    "member": {
        "id": "m-2",
        "birth_date": "1990-01-01",
        "sex": "M",
        "policy": {"number": "P-2", "program": "mini/plan", "start": "2026-01-01", "end": "2026-12-31",
                   "enrolled": "2026-02-15"},
    },
    "history": [{"date": "2026-01-10", "service": "MINI-CONSULT", "quantity": 1, "amount": "250.00"}],
    "services": [{"code": "MINI-CONSULT", "quantity": 2}, {"code": "MINI-THERAPY"}],
}


@pytest.fixture(scope="session")
def rules() -> medcover.RuleSet:
    return medcover.RuleSet.load(FIXTURE)


@pytest.fixture
def auth_request() -> Dict[str, Any]:
    return copy.deepcopy(AUTH_REQUEST)


@pytest.fixture
def plan_request() -> Dict[str, Any]:
    return copy.deepcopy(PLAN_REQUEST)


def fixture_files() -> Dict[str, str]:
    return {p.name: p.read_text() for p in sorted(FIXTURE.glob("*.json"))}

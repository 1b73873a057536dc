"""The stubs match the native module (mypy's stubtest) and type-check an
application's use of the API (mypy --strict). Skipped without mypy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")
HERE = Path(__file__).resolve().parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=HERE, timeout=300)


def test_stubs_match_the_native_module():
    done = run("mypy.stubtest", "medcover._native")
    assert done.returncode == 0, done.stdout + done.stderr


def test_usage_type_checks_strictly():
    done = run("mypy", "--strict", "--no-incremental", "--ignore-missing-imports", "typecheck_usage.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_package_type_checks_strictly():
    done = run("mypy", "--strict", "--no-incremental", "--ignore-missing-imports", "-p", "medcover")
    assert done.returncode == 0, done.stdout + done.stderr
